// Sends the job's per-interval stats beside its work, never in its way: a send is not awaited by
// the micro-batch, at most one is in flight (while a leader is down a send can take the
// producer's whole timeout), and a failure is logged once until sends succeed again. The
// intervals a send in flight spans are not queued: their records and batch time are carried into
// the next record sent (`covers`), so rates and busy shares stay right. The stats are for watching
// the job; its output and checkpoints never depend on them.
import { settledWithin } from '../core/deadline.js';
import type { KafkaProducerPort } from '../kafka/index.js';
import { batchStatsMessage, type BatchStats } from './job-stats.js';

export class StatsPublisher {
  private inFlight: Promise<void> | null = null;
  private failing = false;
  /** what intervals skipped while a send was in flight add to the next record */
  private carried: BatchStats | null = null;
  skipped = 0;
  sent = 0;

  constructor(
    private readonly topic: string,
    private readonly log: (line: string) => void,
  ) {}

  publish(producer: KafkaProducerPort, stats: BatchStats): void {
    const carried = this.carried;
    const merged = carried ? { ...stats, covers: stats.covers + carried.covers, records: stats.records + carried.records, batch_ms: stats.batch_ms + carried.batch_ms } : stats;
    if (this.inFlight) {
      this.skipped++;
      this.carried = merged;
      return;
    }
    this.carried = null;
    this.inFlight = Promise.resolve()
      .then(() => producer.send(this.topic, [batchStatsMessage(merged)]))
      .then(
        () => {
          this.sent++;
          if (this.failing) this.log(`stats: publishing to ${this.topic} again`);
          this.failing = false;
        },
        (err: Error) => {
          if (!this.failing) this.log(`stats: could not publish to ${this.topic} (the job goes on): ${err.message}`);
          this.failing = true;
        },
      )
      .finally(() => (this.inFlight = null));
  }

  /**
   * Waits for the send in flight, if any, before the producer disconnects; at most `timeoutMs`
   * (a send waiting out a leader election must not hold the job's shutdown: it is only stats).
   */
  async settled(timeoutMs = 5000): Promise<void> {
    await settledWithin(this.inFlight, timeoutMs);
  }
}

// A topic followed live by the dashboard, from its beginning: a group of its own per dashboard
// (nothing committed), so every dashboard sees the whole topic and none takes partitions from
// another. A topic that does not exist yet (the dashboard started before the job) is tried again
// every few seconds, its error shown meanwhile.
import type { ConsumedRecord, GroupConsumerPort, KafkaClientPort } from '../kafka/index.js';

export abstract class TopicFollower {
  private consumer: GroupConsumerPort | null = null;
  private failure: string | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  /** the subscription attempt under way or last made */
  private attempting: Promise<void> | null = null;
  private readonly groupId: string;

  constructor(
    private readonly client: KafkaClientPort,
    readonly topic: string,
    groupId?: string,
  ) {
    this.groupId = groupId ?? `kcp-dashboard-${process.pid}-${Date.now()}-${topic}`;
  }

  /** Takes one record of the topic, in offset order per partition. */
  abstract accept(record: ConsumedRecord): void;

  start(retryMs = 3000): void {
    const attempt = async (): Promise<void> => {
      if (this.stopped) return;
      try {
        await this.subscribe();
        this.failure = null;
      } catch (err) {
        this.failure = (err as Error).message;
        await this.consumer?.stop().catch(() => undefined);
        this.consumer = null;
        if (!this.stopped) this.retry = setTimeout(() => void (this.attempting = attempt()), retryMs);
      }
    };
    this.attempting = attempt();
  }

  private async subscribe(): Promise<void> {
    const consumer = await this.client.consumer({ groupId: this.groupId });
    this.consumer = consumer;
    await consumer.run({
      topics: [this.topic],
      fromBeginning: true,
      eachBatch: async (batch) => {
        for (const r of batch.records) this.accept(r);
        const last = batch.records.at(-1);
        if (last) batch.resolve(last.offset);
      },
      onCrash: (err) => {
        this.failure = err.message;
      },
    });
  }

  error(): string | null {
    return this.failure;
  }

  /** Stops following; waits for an attempt under way, so no consumer outlives this. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.attempting;
    await this.consumer?.stop();
    this.consumer = null;
  }
}

// The job's compacted output topic, followed live: the latest popularity of every page. A group
// of its own per dashboard (nothing committed), read from the beginning, so every dashboard sees
// the whole topic and none takes partitions from another.
import type { GroupConsumerPort, KafkaClientPort } from '../kafka/index.js';

export class OutputTopicView {
  private readonly latest = new Map<string, number>();
  private consumer: GroupConsumerPort | null = null;
  private failure: string | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private started: Promise<void> | null = null;

  constructor(
    private readonly client: KafkaClientPort,
    readonly topic: string,
    private readonly groupId = `kcp-dashboard-${process.pid}-${Date.now()}`,
  ) {}

  /**
   * Follows the topic from now on; a topic that does not exist yet (the dashboard started before
   * the job) is tried again every few seconds, its error shown meanwhile.
   */
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
        this.retry = setTimeout(() => void attempt(), retryMs);
      }
    };
    this.started = attempt();
  }

  private async subscribe(): Promise<void> {
    this.consumer = await this.client.consumer({ groupId: this.groupId });
    await this.consumer.run({
      topics: [this.topic],
      fromBeginning: true,
      eachBatch: async (batch) => {
        for (const r of batch.records) {
          if (r.key === null) continue;
          if (r.value === null) this.latest.delete(r.key); // a tombstone
          else if (Number.isFinite(Number(r.value))) this.latest.set(r.key, Number(r.value));
        }
        const last = batch.records.at(-1);
        if (last) batch.resolve(last.offset);
      },
      onCrash: (err) => {
        this.failure = err.message;
      },
    });
  }

  /** Page -> its latest popularity, as the topic holds it now. */
  pages(): ReadonlyMap<string, number> {
    return this.latest;
  }

  error(): string | null {
    return this.failure;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.started;
    await this.consumer?.stop();
    this.consumer = null;
  }
}

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
  private started: Promise<void> | null = null;
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

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.started;
    await this.consumer?.stop();
    this.consumer = null;
  }
}

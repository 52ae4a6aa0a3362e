// How far a consumer has got through a topic, seen from outside it: a KafkaClientPort decorator
// reports each batch's arrival and every offset the consumer RESOLVES (= has processed), and
// ConsumeProgress (an observer) says when every partition reached the end offsets taken after
// producing. This times the popularity job without changing it, and the plain consumer by exactly
// the same rule.
import type { GroupConsumerPort, KafkaClientPort, PartitionOffsets } from '../../src/kafka/index.js';

export class ConsumeProgress implements ConsumeObserver {
  private readonly next = new Map<number, number>();
  private readonly ends: Map<number, { low: number; high: number }>;
  /** partitions not yet at their end: resolved() is called per record, so it stays O(1) */
  private readonly unfinished = new Set<number>();
  private waiters: (() => void)[] = [];
  /** performance.now() of the first batch's arrival and of reaching every end */
  firstAt: number | null = null;
  doneAt: number | null = null;

  constructor(offsets: PartitionOffsets[], private readonly now: () => number = () => performance.now()) {
    this.ends = new Map(offsets.map((o) => [o.partition, { low: o.low, high: o.high }]));
    for (const o of offsets) if (o.high > o.low) this.unfinished.add(o.partition);
    if (this.unfinished.size === 0) this.doneAt = this.now();
  }

  /** The consumer processed `offset` of `partition` (and everything before it). */
  resolved(partition: number, offset: number): void {
    if (offset + 1 <= (this.next.get(partition) ?? 0)) return;
    this.next.set(partition, offset + 1);
    if (offset + 1 < (this.ends.get(partition)?.high ?? 0) || !this.unfinished.delete(partition)) return;
    if (this.unfinished.size === 0 && this.doneAt === null) {
      this.doneAt = this.now();
      for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** A batch was handed to the consumer's code (the first one starts the streaming time). */
  arrived(): void {
    this.firstAt ??= this.now();
  }

  /** Records processed so far, counted between each partition's low and high offsets. */
  processed(): number {
    let n = 0;
    for (const [p, { low, high }] of this.ends) n += Math.max(0, Math.min(high, this.next.get(p) ?? low) - low);
    return n;
  }

  total(): number {
    let n = 0;
    for (const { low, high } of this.ends.values()) n += high - low;
    return n;
  }

  isDone(): boolean {
    return this.doneAt !== null;
  }

  /** Resolves with doneAt; rejects after `timeoutMs` saying how far it got. */
  whenDone(timeoutMs: number): Promise<number> {
    if (this.doneAt !== null) return Promise.resolve(this.doneAt);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(new Error(`not every record processed after ${Math.round(timeoutMs / 1000)} s: ${this.processed()} of ${this.total()}`));
      }, timeoutMs);
      const wake = () => (clearTimeout(timer), resolve(this.doneAt!));
      this.waiters.push(wake);
    });
  }
}

export interface ConsumeObserver {
  arrived(): void;
  resolved(partition: number, offset: number): void;
}

function observedConsumer(inner: GroupConsumerPort, observer: ConsumeObserver): GroupConsumerPort {
  return {
    run: (options) =>
      inner.run({
        ...options,
        eachBatch: (batch) => {
          if (batch.records.length > 0) observer.arrived();
          return options.eachBatch({
            ...batch,
            resolve: (offset) => {
              batch.resolve(offset);
              observer.resolved(batch.partition, offset);
            },
          });
        },
      }),
    seek: (target) => inner.seek(target),
    pause: (partitions) => inner.pause(partitions),
    resume: (partitions) => inner.resume(partitions),
    commit: (offsets) => inner.commit(offsets),
    assignment: () => inner.assignment(),
    stop: () => inner.stop(),
  };
}

/** The same client, except that its consumers report each batch's arrival and each resolved offset. */
export function observeConsumers(client: KafkaClientPort, observer: ConsumeObserver): KafkaClientPort {
  return {
    admin: () => client.admin(),
    producer: () => client.producer(),
    consumer: async (options) => observedConsumer(await client.consumer(options), observer),
  };
}

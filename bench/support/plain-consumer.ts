// The reference the job is measured against: a plain group consumer through the same adapter,
// fresh group, from the earliest offset, doing no work with the records beyond resolving the last
// one of each batch, timed from connecting until every partition reached its end offset.
import { randomUUID } from 'node:crypto';
import type { KafkaClientPort, PartitionOffsets } from '../../src/kafka/index.js';
import { ConsumeProgress } from './progress.js';

export interface ConsumeTiming {
  messages: number;
  /** from creating the consumer to the last end offset */
  ms: number;
  /** from the first batch's arrival to the last end offset (start-up and group join excluded) */
  streamingMs: number;
}

export function timingOf(progress: ConsumeProgress, startedAt: number): ConsumeTiming {
  if (progress.doneAt === null) throw new Error('the consumer has not reached every end offset');
  return {
    messages: progress.total(),
    ms: Math.round(progress.doneAt - startedAt),
    streamingMs: Math.round(progress.doneAt - (progress.firstAt ?? progress.doneAt)),
  };
}

export async function timePlainConsumer(client: KafkaClientPort, topic: string, ends: PartitionOffsets[], timeoutMs: number): Promise<ConsumeTiming> {
  const progress = new ConsumeProgress(ends);
  const startedAt = performance.now();
  const consumer = await client.consumer({ groupId: `bench-plain-${randomUUID()}` });
  try {
    await consumer.run({
      topics: [topic],
      fromBeginning: true,
      eachBatch: async (batch) => {
        const last = batch.records.at(-1);
        if (!last) return;
        progress.arrived();
        batch.resolve(last.offset);
        progress.resolved(batch.partition, last.offset);
      },
    });
    await progress.whenDone(timeoutMs);
  } finally {
    await consumer.stop();
  }
  return timingOf(progress, startedAt);
}

// Reads a whole topic, from each partition's first offset up to its high watermark as of the
// call: what tests and the acceptance check use to see what the brokers really hold.
import { randomUUID } from 'node:crypto';
import type { ConsumedRecord, KafkaClientPort } from './types.js';

export interface ReadTopicResult {
  records: ConsumedRecord[];
  /** High watermark per partition at the start of the read. */
  endOffsets: Map<number, number>;
  /** False when the deadline passed before every partition was read to its end. */
  complete: boolean;
}

export async function readTopic(
  client: KafkaClientPort,
  topic: string,
  { timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): Promise<ReadTopicResult> {
  const admin = await client.admin();
  let offsets;
  try {
    offsets = await admin.topicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  const endOffsets = new Map(offsets.map((o) => [o.partition, o.high]));
  const remaining = new Set(offsets.filter((o) => o.high > o.low).map((o) => o.partition));
  // Keyed by partition/offset: a rebalance or retry may deliver a record twice to this reader.
  const seen = new Map<string, ConsumedRecord>();
  if (remaining.size === 0) return { records: [], endOffsets, complete: true };

  const consumer = await client.consumer({ groupId: `read-${topic}-${randomUUID()}` });
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.run({
      topics: [topic],
      fromBeginning: true,
      eachBatch: async (batch) => {
        const end = endOffsets.get(batch.partition) ?? 0;
        for (const r of batch.records) if (r.offset < end) seen.set(`${r.partition}:${r.offset}`, r);
        const last = batch.records.at(-1);
        if (!last) return;
        batch.resolve(last.offset);
        if (last.offset + 1 >= end) {
          remaining.delete(batch.partition);
          if (remaining.size === 0) finish();
        }
      },
    });
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([done, timedOut]);
  } finally {
    clearTimeout(timer);
    await consumer.stop();
  }
  const records = [...seen.values()].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  return { records, endOffsets, complete: remaining.size === 0 };
}

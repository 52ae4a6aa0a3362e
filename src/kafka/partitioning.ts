// Which partition a message goes to, computed before sending so that each acknowledged
// message's offset is known exactly. Keyed messages use kafkajs' DefaultPartitioner (murmur2,
// the Java client's mapping): a page id lands in the same partition as with any Kafka client.
import { Partitioners, type PartitionMetadata } from 'kafkajs';

const murmur2Partitioner = Partitioners.DefaultPartitioner();

function fakeMetadata(count: number): PartitionMetadata[] {
  // Only the count matters for keyed messages; leaders >= 0 keep every partition "available".
  return Array.from({ length: count }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));
}

/** Partition of a key among `count` partitions, exactly as the Java client's default partitioner. */
export function partitionForKey(topic: string, key: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new Error(`partition count must be >= 1, got ${count}`);
  return murmur2Partitioner({ topic, partitionMetadata: fakeMetadata(count), message: { key, value: null } });
}

/** Assigns a partition to every message: by key, or round-robin for messages without one. */
export function assignPartitions(
  topic: string,
  keys: (string | null)[],
  count: number,
  roundRobinStart = 0,
): number[] {
  let next = roundRobinStart;
  return keys.map((key) => (key === null ? next++ % count : partitionForKey(topic, key, count)));
}

/** Offsets of messages from per-partition base offsets: the n-th message of a partition gets base + n. */
export function offsetsFromBases(partitions: number[], baseOffsets: Map<number, number>): number[] {
  const seen = new Map<number, number>();
  return partitions.map((p) => {
    const base = baseOffsets.get(p);
    if (base === undefined) throw new Error(`no acknowledgement for partition ${p}`);
    const n = seen.get(p) ?? 0;
    seen.set(p, n + 1);
    return base + n;
  });
}

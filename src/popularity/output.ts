// What the job publishes for other systems: each changed page's cumulative popularity on a
// compacted topic (key = page id, latest value wins), and malformed input on a dead-letter topic.
import { readTopic, type ConsumedRecord, type KafkaAdminPort, type KafkaClientPort, type KafkaProducerPort, type OutgoingMessage } from '../kafka/index.js';

export const outputTopicOf = (topic: string) => `${topic}-popularity`;
export const deadLetterTopicOf = (topic: string) => `${topic}-dlq`;
/** The job's consumer group unless told another. */
export const jobGroupOf = (topic: string) => `${topic}-popularity-job`;

/**
 * What every engine of the job publishes to, made before it runs (unless they exist): the
 * compacted output topic and the dead-letter topic, as many partitions as the input, each
 * replicated up to three times (fewer brokers, fewer replicas) unless told.
 */
export async function createOutputTopics(admin: KafkaAdminPort, o: { outputTopic: string; deadLetterTopic: string; partitions: number; replicationFactor?: number }): Promise<number> {
  const replicationFactor = o.replicationFactor ?? Math.min(3, (await admin.describeCluster()).brokers.length);
  await Promise.all([
    admin.createTopic({ topic: o.outputTopic, partitions: o.partitions, replicationFactor, configs: { 'cleanup.policy': 'compact' } }),
    admin.createTopic({ topic: o.deadLetterTopic, partitions: o.partitions, replicationFactor }),
  ]);
  return replicationFactor;
}

export function popularityMessages(changed: Map<string, number>): OutgoingMessage[] {
  // String(number) is the shortest text that parses back to the same double.
  return [...changed].map(([page, value]) => ({ key: page, value: String(value) }));
}

export interface DeadLetter {
  record: ConsumedRecord;
  reason: string;
  detail: string;
}

/** The original key and value, unchanged; why and where from in headers (Kafka Connect's habit). */
export function deadLetterMessage(d: DeadLetter): OutgoingMessage {
  return {
    key: d.record.key,
    value: d.record.value,
    headers: {
      ...d.record.headers,
      'dlq.reason': d.reason,
      'dlq.detail': d.detail,
      'dlq.topic': d.record.topic,
      'dlq.partition': String(d.record.partition),
      'dlq.offset': String(d.record.offset),
    },
  };
}

/** The latest popularity per page as held by the compacted output topic: the global view. */
export async function readPopularity(client: KafkaClientPort, outputTopic: string, timeoutMs = 60_000): Promise<Map<string, number>> {
  const { records, complete } = await readTopic(client, outputTopic, { timeoutMs });
  if (!complete) throw new Error(`could not read ${outputTopic} to its end within ${timeoutMs} ms`);
  const latest = new Map<string, number>();
  // Every page is published from one input partition, so per key the offsets are in order.
  for (const r of records) if (r.key !== null && r.value !== null) latest.set(r.key, Number(r.value));
  return latest;
}

const CHUNK = 1000;

/** Sends in chunks; resolves only when every message was acknowledged. */
export async function sendAll(producer: KafkaProducerPort, topic: string, messages: OutgoingMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += CHUNK) await producer.send(topic, messages.slice(i, i + CHUNK));
}

// The idempotent, acks=all producer. Partitions are chosen here (./partitioning.ts) so that a
// resolved send yields every message's exact partition and offset.
import type { Admin, Producer } from 'kafkajs';
import { assignPartitions, offsetsFromBases } from './partitioning.js';
import { toKafkajsCompression } from './compression.js';
import type { AckedMessage, KafkaProducerPort, OutgoingMessage, SendOptions } from './types.js';

export function adaptProducer(producer: Producer, admin: Admin): KafkaProducerPort {
  const partitionCounts = new Map<string, number>();
  let roundRobin = 0;

  async function partitionCount(topic: string): Promise<number> {
    const cached = partitionCounts.get(topic);
    if (cached !== undefined) return cached;
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    const count = meta.topics[0]?.partitions.length ?? 0;
    if (count < 1) throw new Error(`topic ${topic} has no partitions`);
    partitionCounts.set(topic, count);
    return count;
  }

  return {
    async send(topic: string, messages: OutgoingMessage[], options: SendOptions = {}): Promise<AckedMessage[]> {
      if (messages.length === 0) return [];
      const count = await partitionCount(topic);
      const partitions = assignPartitions(topic, messages.map((m) => m.key), count, roundRobin);
      roundRobin += messages.length;
      try {
        const metadata = await producer.send({
          topic,
          acks: -1,
          compression: toKafkajsCompression(options.compression),
          messages: messages.map((m, i) => ({ key: m.key, value: m.value, headers: m.headers, partition: partitions[i] })),
        });
        const bases = new Map<number, number>();
        for (const r of metadata) {
          if (r.errorCode !== 0) throw new Error(`partition ${r.partition}: error code ${r.errorCode}`);
          bases.set(r.partition, Number(r.baseOffset ?? r.offset));
        }
        const offsets = offsetsFromBases(partitions, bases);
        return partitions.map((partition, i) => ({ topic, partition, offset: offsets[i]! }));
      } catch (err) {
        partitionCounts.delete(topic); // the topic may have changed; look again next time
        throw err;
      }
    },

    async disconnect() {
      await producer.disconnect();
      await admin.disconnect();
    },
  };
}

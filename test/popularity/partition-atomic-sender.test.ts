import { describe, expect, it } from 'vitest';
import { PartitionAtomicSender } from '../../src/popularity/partition-atomic-sender.js';
import { partitionForKey, type AckedMessage, type KafkaProducerPort, type OutgoingMessage } from '../../src/kafka/index.js';

const TOPIC = 't';
const COUNT = 3;

/** A fake broker side: per-partition logs; partitions listed in `down` refuse writes. */
function fakeProducer(down: Set<number>) {
  const logs = new Map<number, string[]>();
  const calls: number[][] = [];
  const port: KafkaProducerPort = {
    async send(topic, messages: OutgoingMessage[]): Promise<AckedMessage[]> {
      const parts = messages.map((m) => partitionForKey(topic, m.key!, COUNT));
      calls.push([...new Set(parts)]);
      if (parts.some((p) => down.has(p))) throw new Error(`leader of partition ${parts.find((p) => down.has(p))} is down`);
      return messages.map((m, i) => {
        const log = logs.get(parts[i]!) ?? [];
        log.push(m.headers!.id!);
        logs.set(parts[i]!, log);
        return { topic, partition: parts[i]!, offset: log.length - 1 };
      });
    },
    async disconnect() {},
  };
  return { port, logs, calls };
}

const batch = Array.from({ length: 30 }, (_, i) => ({ key: `page${i}`, value: `page${i}|1|1|0`, headers: { id: `r:${i}` } }));

describe('PartitionAtomicSender', () => {
  it('sends each partition on its own and returns acks in input order', async () => {
    const f = fakeProducer(new Set());
    const acks = await new PartitionAtomicSender(f.port, COUNT).send(TOPIC, batch);
    expect(f.calls).toHaveLength(COUNT);
    for (const c of f.calls) expect(c).toHaveLength(1);
    acks.forEach((a, i) => {
      expect(a.partition).toBe(partitionForKey(TOPIC, batch[i]!.key, COUNT));
      expect(f.logs.get(a.partition)![a.offset]).toBe(batch[i]!.headers.id);
    });
  });

  it('a retry after a partial failure writes nothing twice', async () => {
    const down = new Set([1]);
    const f = fakeProducer(down);
    const sender = new PartitionAtomicSender(f.port, COUNT);
    await expect(sender.send(TOPIC, batch)).rejects.toThrow(/^1 of 3 partition batch\(es\) failed: leader of partition 1 is down$/);
    const onOne = batch.filter((m) => partitionForKey(TOPIC, m.key, COUNT) === 1);
    expect(sender.ackOf(onOne[0]!.headers.id)).toBeUndefined();
    expect(sender.ackOf(batch.find((m) => partitionForKey(TOPIC, m.key, COUNT) === 0)!.headers.id)).toMatchObject({ partition: 0 });
    down.clear();
    const acks = await sender.send(TOPIC, batch);
    expect(f.calls.at(-1)).toEqual([1]); // only the partition that failed is sent again
    const written = [...f.logs.values()].flat();
    expect(written).toHaveLength(batch.length);
    expect(new Set(written).size).toBe(batch.length);
    expect(acks.map((a) => f.logs.get(a.partition)![a.offset])).toEqual(batch.map((m) => m.headers.id));
  });

  it('refuses messages without an id header or a key', async () => {
    const sender = new PartitionAtomicSender(fakeProducer(new Set()).port, COUNT);
    await expect(sender.send(TOPIC, [{ key: 'a', value: 'v' }])).rejects.toThrow('message 0 has no id header');
    await expect(sender.send(TOPIC, [{ key: null, value: 'v', headers: { id: 'x' } }])).rejects.toThrow(/message x has no key/);
    expect(() => new PartitionAtomicSender(fakeProducer(new Set()).port, 0)).toThrow('partition count must be >= 1, got 0');
  });
});

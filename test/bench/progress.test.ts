import { describe, expect, it } from 'vitest';
import { ConsumeProgress, observeConsumers } from '../../bench/support/progress.js';
import { FakeKafka } from '../popularity/fake-kafka.js';

function clock() {
  let t = 0;
  return { now: () => t, at: (x: number) => void (t = x) };
}

describe('ConsumeProgress', () => {
  it('is done when every partition resolved up to its high offset, counting from low', async () => {
    const c = clock();
    const p = new ConsumeProgress([{ partition: 0, low: 0, high: 3 }, { partition: 1, low: 5, high: 7 }, { partition: 2, low: 4, high: 4 }], c.now);
    expect(p.total()).toBe(5);
    const done = p.whenDone(1000);
    c.at(10);
    p.arrived();
    c.at(12);
    p.arrived(); // only the first arrival counts
    p.resolved(0, 1);
    expect([p.processed(), p.isDone(), p.firstAt]).toEqual([2, false, 10]);
    c.at(20);
    p.resolved(1, 6);
    p.resolved(0, 0); // an older offset does not move it back
    expect([p.processed(), p.isDone()]).toEqual([4, false]);
    c.at(35);
    p.resolved(0, 2);
    expect(await done).toBe(35);
    expect([p.processed(), p.doneAt, p.firstAt]).toEqual([5, 35, 10]);
  });

  it('an empty topic is done at once', async () => {
    const p = new ConsumeProgress([{ partition: 0, low: 9, high: 9 }], () => 7);
    expect(await p.whenDone(10)).toBe(7);
  });

  it('times out saying how far it got', async () => {
    const p = new ConsumeProgress([{ partition: 0, low: 0, high: 10 }]);
    p.resolved(0, 3);
    await expect(p.whenDone(20)).rejects.toThrow('not every record processed after 0 s: 4 of 10');
  });
});

describe('observeConsumers', () => {
  it("reports each batch's arrival and each offset the consumer resolves, after the consumer's own resolve", async () => {
    const kafka = new FakeKafka('t', 2);
    kafka.append(1, ['a|1|1|1', 'b|1|1|1', 'c|1|1|1']);
    const seen: [number, number][] = [];
    let arrivals = 0;
    const client = observeConsumers(kafka.client, { arrived: () => void arrivals++, resolved: (p, o) => void seen.push([p, o]) });
    const consumer = await client.consumer({ groupId: 'g' });
    await consumer.run({ topics: ['t'], fromBeginning: true, eachBatch: async (b) => { for (const r of b.records) b.resolve(r.offset); } });
    expect(await kafka.deliver(1, 1)).toBe(2); // the fake's own resolve still sees the offsets
    expect(seen).toEqual([[1, 1], [1, 2]]);
    expect(arrivals).toBe(1);
    await kafka.deliver(1, 3); // an empty fetch is no arrival
    expect(arrivals).toBe(1);
    kafka.assign([0, 1]);
    expect(consumer.assignment()).toEqual([{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }]);
    await consumer.commit([{ topic: 't', partition: 1, offset: 3 }]);
    expect(kafka.commits).toEqual([{ partition: 1, offset: 3 }]);
    consumer.seek({ topic: 't', partition: 1, offset: 0 });
    expect(kafka.seeks).toEqual([{ partition: 1, offset: 0 }]);
    await consumer.stop();
  });
});

import { describe, expect, it } from 'vitest';
import { OwnedPartitions } from '../../src/popularity/partitions.js';
import { PartitionState } from '../../src/popularity/state.js';

function owned(assigned: Set<number>, load: (p: number) => Promise<PartitionState> = async (p) => new PartitionState(p, 0)) {
  const errors: string[] = [];
  let loads = 0;
  const parts = new OwnedPartitions(
    (p) => (loads++, load(p)),
    (p) => assigned.has(p),
    (err) => errors.push(err.message),
  );
  return { parts, errors, loads: () => loads };
}

describe('OwnedPartitions', () => {
  it('loads a partition once, however many callers ask at the same time', async () => {
    const o = owned(new Set([0]));
    const [a, b] = await Promise.all([o.parts.resume(0), o.parts.resume(0)]);
    expect(a).toBe(b);
    expect(await o.parts.resume(0)).toBe(a);
    expect(o.loads()).toBe(1);
    expect(o.parts.get(0)).toBe(a);
  });

  it('drops a state whose partition was revoked while it loaded', async () => {
    const assigned = new Set([0]);
    let finish!: () => void;
    const o = owned(assigned, (p) => new Promise((r) => (finish = () => r(new PartitionState(p, 0)))));
    const loading = o.parts.resume(0);
    assigned.delete(0);
    finish();
    expect(await loading).toBeUndefined();
    expect(o.parts.get(0)).toBeUndefined();
  });

  it('reports a failed load (a damaged checkpoint) instead of starting the partition over', async () => {
    const o = owned(new Set([0]), async () => {
      throw new Error('checkpoint for partition 0 is damaged');
    });
    expect(await o.parts.resume(0)).toBeUndefined();
    await o.parts.settled();
    expect(o.errors).toEqual(['checkpoint for partition 0 is damaged']);
  });

  it('releases revoked partitions: their states and what they had not published are gone', async () => {
    const o = owned(new Set([0, 1]));
    (await o.parts.resume(0))!.apply(0, 'a|1|0|0');
    (await o.parts.resume(1))!.apply(0, 'b|0|0|1');
    o.parts.soughtTo.set(0, 3);
    expect([...o.parts.popularity()].sort()).toEqual([['a', 0.8], ['b', 1]]);
    expect(o.parts.release([0, 2])).toEqual([0]);
    expect(o.parts.owns(0)).toBe(false);
    expect(o.parts.owns(1)).toBe(true);
    expect(o.parts.soughtTo.has(0)).toBe(false);
    expect(o.parts.takeChanged()).toEqual([[1, new Map([['b', 1]])]]);
    expect(o.parts.snapshots().map((s) => s.partition)).toEqual([1]);
  });

  it('lists snapshots by partition, whichever state loaded first', async () => {
    const o = owned(new Set([0, 1]));
    await o.parts.resume(1);
    await o.parts.resume(0);
    expect(o.parts.snapshots().map((s) => s.partition)).toEqual([0, 1]);
  });
});

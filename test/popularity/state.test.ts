import { describe, expect, it } from 'vitest';
import { PartitionState } from '../../src/popularity/state.js';

describe('PartitionState', () => {
  it('folds records in offset order and counts malformed ones', () => {
    const s = new PartitionState(2, 10);
    expect(s.apply(10, 'page001.html|1|0.5|1')).toEqual({ kind: 'applied', page: 'page001.html' });
    expect(s.apply(11, 'page1|x|1|1')).toMatchObject({ kind: 'malformed', reason: 'invalid-clicks' });
    expect(s.apply(12, 'page001.html|2|1|-1')).toEqual({ kind: 'applied', page: 'page001.html' });
    expect(s.value('page001.html')).toBeCloseTo(3.6, 12);
    expect(s.snapshot()).toMatchObject({ partition: 2, nextOffset: 13, consumed: 3, malformed: 1 });
  });

  it('skips records it already holds: a replay never counts twice', () => {
    const s = new PartitionState(0, 0);
    s.apply(0, 'a|1|0.5|1');
    s.apply(1, 'a|1|0.5|1');
    const restored = PartitionState.fromSnapshot(s.snapshot());
    expect(restored.apply(0, 'a|1|0.5|1')).toEqual({ kind: 'skipped' });
    expect(restored.apply(1, 'a|1|0.5|1')).toEqual({ kind: 'skipped' });
    expect(restored.apply(2, 'a|1|0.5|1')).toEqual({ kind: 'applied', page: 'a' });
    expect(restored.value('a')).toBeCloseTo(6.6, 12);
    expect(restored.consumed).toBe(3);
  });

  it('reports a gap instead of silently jumping over missing records', () => {
    const s = new PartitionState(0, 5);
    expect(s.apply(7, 'a|1|1|1')).toEqual({ kind: 'gap', expected: 5 });
    expect(s.nextOffset).toBe(5);
    s.skipTo(7);
    expect(s.apply(7, 'a|1|1|1')).toMatchObject({ kind: 'applied' });
    expect(s.nextOffset).toBe(8);
  });

  it('hands out changed pages once', () => {
    const s = new PartitionState(0, 0, { old: 1 });
    s.apply(0, 'b|1|0|0');
    s.apply(1, 'c|0|0|1');
    expect([...s.takeChanged()]).toEqual([
      ['b', 0.8],
      ['c', 1],
    ]);
    expect(s.takeChanged().size).toBe(0);
    expect(s.snapshot().pages).toEqual({ old: 1, b: 0.8, c: 1 });
  });

  it('snapshots are copies', () => {
    const s = new PartitionState(0, 0);
    s.apply(0, 'a|1|0|0');
    const snap = s.snapshot();
    s.apply(1, 'a|1|0|0');
    expect(snap.pages.a).toBeCloseTo(0.8, 12);
    expect(snap.nextOffset).toBe(1);
  });

  it('refuses an invalid start offset', () => {
    expect(() => new PartitionState(0, -1)).toThrow(/invalid start offset/);
  });
});

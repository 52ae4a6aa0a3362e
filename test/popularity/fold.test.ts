import { describe, expect, it } from 'vitest';
import type { ConsumedRecord } from '../../src/kafka/index.js';
import { foldRecords } from '../../src/popularity/fold.js';
import { PartitionState } from '../../src/popularity/state.js';

const record = (offset: number, value: string | null): ConsumedRecord => ({ topic: 't', partition: 0, offset, key: null, value, headers: {}, timestamp: 0 });
const batch = (from: number, values: (string | null)[]) => values.map((v, i) => record(from + i, v));

describe('foldRecords', () => {
  it('folds a batch in order, dead-letters malformed records, and says how far it got', () => {
    const state = new PartitionState(0, 0);
    const r = foldRecords(state, batch(0, ['a|1|0.5|1', 'a|x|1|1', null, 'b|2|1|0']), undefined);
    expect(r).toMatchObject({ read: 4, fresh: 4, skipped: 0, gone: [], last: 3 });
    expect(r.seekBack).toBeUndefined();
    expect(r.deadLetters.map((d) => [d.record.offset, d.reason])).toEqual([[1, 'invalid-clicks'], [2, 'empty']]);
    expect(state.value('a')).toBeCloseTo(2.2, 12);
    expect(state.snapshot()).toMatchObject({ nextOffset: 4, consumed: 4, malformed: 2 });
  });

  it('skips the records a restored state already holds', () => {
    const state = new PartitionState(0, 2);
    const r = foldRecords(state, batch(0, ['a|1|0|0', 'a|1|0|0', 'a|1|0|0']), undefined);
    expect(r).toMatchObject({ read: 3, fresh: 1, skipped: 2, last: 2 });
    expect(state.value('a')).toBeCloseTo(0.8, 12);
  });

  it('asks for a seek back when the batch starts past the next offset, and folds nothing', () => {
    const state = new PartitionState(0, 5);
    const r = foldRecords(state, batch(8, ['a|1|0|0', 'a|1|0|0']), undefined);
    expect(r).toMatchObject({ seekBack: { to: 5, got: 8 }, fresh: 0, last: null, read: 1 });
    expect(state.nextOffset).toBe(5);
  });

  it('accepts the gap when the seek did not bring the records back (retention), once', () => {
    const state = new PartitionState(0, 5);
    const r = foldRecords(state, batch(8, ['a|1|0|0', 'a|1|0|0']), 5);
    expect(r).toMatchObject({ gone: [[5, 7]], fresh: 2, last: 9 });
    expect(state.nextOffset).toBe(10);
    // a later jump in the same batch is a new gap: seek first again
    const later = foldRecords(state, [record(10, 'a|1|0|0'), record(12, 'a|1|0|0')], 5);
    expect(later).toMatchObject({ seekBack: { to: 11, got: 12 }, fresh: 1, last: 10 });
  });
});

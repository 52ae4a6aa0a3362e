import { describe, expect, it } from 'vitest';
import { checkAcceptance, lossCause, type CheckInput, type TopicRecord } from '../../src/acceptance/check.js';
import type { LedgerEntry } from '../../src/popularity/ledger.js';
import { popularityOf } from '../../src/popularity/oracle.js';

// Six acked messages on two partitions (page1/page3 on 0, page2 on 1), as the brokers hold them.
const ledger: LedgerEntry[] = [
  { id: 'r:0', key: 'page1', value: 'page1|1|0.5|1', partition: 0, offset: 0 },
  { id: 'r:1', key: 'page2', value: 'page2|2|1.25|0', partition: 1, offset: 0 },
  { id: 'r:2', key: 'page1', value: 'page1|3|2.1234567|-1', partition: 0, offset: 1 },
  { id: 'r:3', key: 'page3', value: 'page3|5|4.9999999|1', partition: 0, offset: 2 },
  { id: 'r:4', key: 'page2', value: 'page2|1|0.1|-1', partition: 1, offset: 1 },
  { id: 'r:5', key: 'page2', value: 'bad message', partition: 1, offset: 2 },
];
const asRecords = (entries: LedgerEntry[]): TopicRecord[] => entries.map((e) => ({ partition: e.partition, offset: e.offset, id: e.id, value: e.value }));
const exact = () => popularityOf([ledger[0], ledger[2], ledger[3], ledger[1], ledger[4], ledger[5]].map((e) => e!.value)).final;

function input(over: Partial<CheckInput> = {}): CheckInput {
  return {
    ledger,
    inDoubt: [],
    records: asRecords(ledger),
    partitions: [{ partition: 0, low: 0, high: 3 }, { partition: 1, low: 0, high: 3 }],
    readComplete: true,
    job: { consumed: 6, final: Object.fromEntries(exact()), partitions: [{ partition: 0, next_offset: 3 }, { partition: 1, next_offset: 3 }] },
    ...over,
  };
}

describe('checkAcceptance', () => {
  it('passes when the job equals the oracle and the topic holds every acked message once', () => {
    const r = checkAcceptance(input());
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ ok: true, lost: 0, duplicates: 0, misplaced: 0, altered: 0, unknown: 0, topic_records: 6, expected_malformed: 1, diff: [] });
    expect(r.expected.get('page1')).toBeCloseTo(0.8 * 1 + 0.8 * 0.5 + 1 + 0.8 * 3 + 0.8 * 2.1234567 - 1, 12);
    expect(r.partitions).toEqual([
      { partition: 0, low: 0, high_watermark: 3, acked: 3, max_acked_offset: 2, records_read: 3, job_next_offset: 3 },
      { partition: 1, low: 0, high_watermark: 3, acked: 3, max_acked_offset: 2, records_read: 3, job_next_offset: 3 },
    ]);
  });

  it('accepts differences within float tolerance only', () => {
    const final = Object.fromEntries(exact());
    expect(checkAcceptance(input({ job: { ...input().job, final: { ...final, page1: final.page1! * (1 + 1e-12) } } })).ok).toBe(true);
    expect(checkAcceptance(input({ job: { ...input().job, final: { ...final, page1: final.page1! + 1e-6 } } })).ok).toBe(false);
  });

  it('a wrong final state fails and names the page with both values', () => {
    const final = { ...Object.fromEntries(exact()), page3: 1 };
    const r = checkAcceptance(input({ job: { ...input().job, final } }));
    expect(r.ok).toBe(false);
    expect(r.diff).toEqual([{ page: 'page3', expected: exact().get('page3'), actual: 1 }]);
    expect(r.failures).toEqual([`1 page(s) differ from the oracle: page3 expected ${exact().get('page3')} got 1`]);
  });

  it('a page missing from the job fails as "absent"', () => {
    const { page2: _gone, ...final } = Object.fromEntries(exact());
    const r = checkAcceptance(input({ job: { ...input().job, final } }));
    expect(r.diff).toEqual([{ page: 'page2', expected: exact().get('page2'), actual: null }]);
  });

  it('a lost acked message fails; beyond the high watermark it is real loss (truncated log)', () => {
    // the broker lost partition 1's last record: high watermark 2, the job read 2 there
    const records = asRecords(ledger).filter((r) => r.id !== 'r:5');
    const r = checkAcceptance(input({
      records,
      partitions: [{ partition: 0, low: 0, high: 3 }, { partition: 1, low: 0, high: 2 }],
      job: { consumed: 5, final: Object.fromEntries(popularityOf(records.map((x) => x.value)).final), partitions: [{ partition: 0, next_offset: 3 }, { partition: 1, next_offset: 2 }] },
    }));
    expect(r.ok).toBe(false);
    expect(r.lost).toBe(1);
    expect(r.lost_messages).toEqual([{ id: 'r:5', partition: 1, offset: 2, cause: 'offset 2 is at or beyond the high watermark 2: the brokers no longer hold it (real loss: log truncated)' }]);
    expect(r.partitions[1]).toMatchObject({ high_watermark: 2, max_acked_offset: 2, records_read: 2 });
    expect(r.failures[0]).toMatch(/^1 acked message\(s\) lost, e\.g\. r:5 \(offset 2 is at or beyond/);
  });

  it('a record inside the log that the reader missed is a consumer bug, not loss', () => {
    const records = asRecords(ledger).filter((r) => r.id !== 'r:1');
    const r = checkAcceptance(input({ records }));
    expect(r.lost_messages[0]!.cause).toBe('offset 0 is inside the log [0, 3) but was not read: consumer bug');
    expect(r.failures).toContain('the job counted 6 records, the topic holds 5');
  });

  it('a duplicate in the topic fails, even when the job counted what the topic holds', () => {
    const dup = { partition: 1, offset: 3, id: 'r:4', value: 'page2|1|0.1|-1' };
    const records = [...asRecords(ledger), dup];
    const final = Object.fromEntries(popularityOf([ledger[0], ledger[2], ledger[3], ledger[1], ledger[4], ledger[5], ledger[4]].map((e) => e!.value)).final);
    const r = checkAcceptance(input({
      records,
      partitions: [{ partition: 0, low: 0, high: 3 }, { partition: 1, low: 0, high: 4 }],
      job: { consumed: 7, final, partitions: [{ partition: 0, next_offset: 3 }, { partition: 1, next_offset: 4 }] },
    }));
    expect(r.ok).toBe(false);
    expect(r.duplicates).toBe(1);
    expect(r.duplicate_ids).toEqual(['r:4']);
    expect(r.lost).toBe(0);
    expect(r.diff.map((d) => d.page)).toEqual(['page2']); // the oracle counts each acked message once
    expect(r.failures).toContain('1 duplicate record(s) in the topic, e.g. ids r:4');
  });

  it('an in-doubt message that was written counts; one that was not is simply absent', () => {
    const written = { id: 'r:6', key: 'page3', value: 'page3|2|1|0' };
    const notWritten = { id: 'r:7', key: 'page1', value: 'page1|5|4|1' };
    const records = [...asRecords(ledger), { partition: 0, offset: 3, id: written.id, value: written.value }];
    const final = Object.fromEntries(popularityOf(records.sort((a, b) => a.partition - b.partition || a.offset - b.offset).map((x) => x.value)).final);
    const r = checkAcceptance(input({
      inDoubt: [written, notWritten],
      records,
      partitions: [{ partition: 0, low: 0, high: 4 }, { partition: 1, low: 0, high: 3 }],
      job: { consumed: 7, final, partitions: [{ partition: 0, next_offset: 4 }, { partition: 1, next_offset: 3 }] },
    }));
    expect(r.failures).toEqual([]);
    expect(r.in_doubt_written).toBe(1);
    expect(r.expected.get('page3')).toBe(final.page3);
  });

  it('flags records nobody produced, values changed on the way, and acks at the wrong offset', () => {
    const records = asRecords(ledger).map((rec) => (rec.id === 'r:3' ? { ...rec, value: 'page3|5|5|1' } : rec.id === 'r:0' ? { ...rec, id: null } : rec));
    const r = checkAcceptance(input({ records }));
    expect(r.unknown).toBe(1);
    expect(r.altered).toBe(1);
    expect(r.lost).toBe(1); // r:0 has no id header any more
    expect(r.lost_messages[0]!.cause).toBe('offset 0 now holds a record without id: log truncated and rewritten (real loss)');
    const moved = asRecords(ledger).map((rec) => (rec.id === 'r:1' ? { ...rec, id: 'r:4' } : rec.id === 'r:4' ? { ...rec, id: 'r:1' } : rec));
    expect(checkAcceptance(input({ records: moved })).misplaced).toBe(2);
  });

  it('a job that stopped short of the high watermark fails per partition', () => {
    const r = checkAcceptance(input({ job: { ...input().job, partitions: [{ partition: 0, next_offset: 3 }] } }));
    expect(r.failures).toEqual(['partition 1: the job ended at offset none, the high watermark is 3']);
  });

  it('an incomplete read-back fails and makes a missing record inconclusive', () => {
    const r = checkAcceptance(input({ readComplete: false, records: asRecords(ledger).slice(0, 5) }));
    expect(r.failures[0]).toBe('the topic could not be read back to its high watermarks (5 of 6 records read)');
    expect(r.lost_messages[0]!.cause).toMatch(/read-back did not finish: inconclusive$/);
  });
});

describe('lossCause', () => {
  const e: LedgerEntry = { id: 'x', key: 'k', value: 'v', partition: 2, offset: 5 };
  it('tells retention, a missing partition and a rewritten offset apart', () => {
    expect(lossCause(e, { partition: 2, low: 6, high: 9 }, undefined, true)).toBe('offset 5 is below the log start 6: deleted (retention)');
    expect(lossCause(e, undefined, undefined, true)).toBe('partition 2 does not exist any more (real loss)');
    expect(lossCause(e, { partition: 2, low: 0, high: 9 }, { partition: 2, offset: 5, id: 'y', value: 'v' }, true)).toBe('offset 5 now holds y: log truncated and rewritten (real loss)');
  });
});

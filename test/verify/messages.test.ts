import { describe, expect, it } from 'vitest';
import type { AckedMessage, ConsumedRecord } from '../../src/kafka/types.js';
import { compareKind, describeKind, KIND_HEADER, unexpectedRecords, verifyBatches } from '../../src/verify/messages.js';

const T = 'kcp-verify-1-abcdef';

function stored(m: { key: string | null; value: string | null; headers?: Record<string, string> }, a: AckedMessage): ConsumedRecord {
  return { topic: T, partition: a.partition, offset: a.offset, key: m.key, value: m.value, headers: { ...m.headers }, timestamp: 0 };
}

describe('verifyBatches', () => {
  const batches = verifyBatches(T, 4);

  it('has plain, keyed, JSON and gzip messages, each unique to the run', () => {
    expect(batches.map((b) => [b.kind, b.compression, b.messages.length])).toEqual([
      ['plain', 'none', 4], ['keyed', 'none', 4], ['json', 'none', 4], ['gzip', 'gzip', 4],
    ]);
    const values = batches.flatMap((b) => b.messages.map((m) => m.value!));
    expect(new Set(values).size).toBe(16);
    for (const v of values) expect(v).toContain(T);
  });

  it('keys: none for plain and JSON, two shared keys for keyed, one per gzip message', () => {
    const [plain, keyed, json, gzip] = batches;
    expect(plain!.messages.every((m) => m.key === null)).toBe(true);
    expect(json!.messages.every((m) => m.key === null)).toBe(true);
    expect(keyed!.messages.map((m) => m.key)).toEqual([`${T}-key-0`, `${T}-key-1`, `${T}-key-0`, `${T}-key-1`]);
    expect(new Set(gzip!.messages.map((m) => m.key)).size).toBe(4);
  });

  it('JSON values parse back, with non-ASCII text intact', () => {
    const doc = JSON.parse(batches[2]!.messages[1]!.value!);
    expect(doc).toEqual({ run: T, seq: 1, page: 'page2', clicks: 2, stay: 1.5119122, like: -1, note: 'naïve ✓ 热度' });
  });

  it('tags every message with its kind in a header', () => {
    for (const b of batches) for (const m of b.messages) expect(m.headers?.[KIND_HEADER]).toBe(b.kind);
  });
});

describe('compareKind', () => {
  const [, keyed] = verifyBatches(T, 3);
  const acks: AckedMessage[] = [{ topic: T, partition: 2, offset: 0 }, { topic: T, partition: 0, offset: 5 }, { topic: T, partition: 2, offset: 1 }];
  const records = keyed!.messages.map((m, i) => stored(m, acks[i]!));

  it('passes when every message is at its acknowledged position, identical', () => {
    const r = compareKind('keyed', keyed!.messages, acks, records);
    expect(r).toEqual({ kind: 'keyed', sent: 3, intact: 3, missing: [], changed: [], partitions: [0, 2] });
    expect(describeKind(r, 'none')).toBe('3 sent (acks=all), 3 read back identical in partitions 0,2');
  });

  it('reports a missing record, a changed value, key or header by position', () => {
    const changedValue = { ...records[0]!, value: 'other' };
    const changedHeader = { ...records[2]!, headers: { ...records[2]!.headers, extra: 'x' } };
    const r = compareKind('keyed', keyed!.messages, acks, [changedValue, changedHeader]);
    expect(r).toMatchObject({ intact: 0, missing: ['0:5'], changed: ['2:0', '2:1'] });
    expect(describeKind(r, 'gzip')).toBe('3 sent (acks=all, gzip), 0 read back identical in partitions 0,2; missing at 0:5; different at 2:0, 2:1');
    const wrongKey = { ...records[1]!, key: `${T}-key-9` };
    expect(compareKind('keyed', keyed!.messages, acks, [records[0]!, wrongKey, records[2]!]).changed).toEqual(['0:5']);
  });

  it('a message without an acknowledgement is missing', () => {
    expect(compareKind('keyed', keyed!.messages, acks.slice(0, 2), records).missing).toEqual(['#2 (not acknowledged)']);
  });

  it('finds records no send acknowledged', () => {
    const stranger = { ...records[0]!, offset: 9 };
    expect(unexpectedRecords(acks, [...records, stranger])).toEqual(['2:9']);
    expect(unexpectedRecords(acks, records)).toEqual([]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendLedger, inLogOrder, parseLedger, readLedger } from '../../src/popularity/ledger.js';

const e = (id: string, partition: number, offset: number) => ({ id, key: 'p', value: 'p|1|1|1', partition, offset });

describe('ledger', () => {
  it('appends jsonl and reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ledger-'));
    try {
      const file = join(dir, 'ledger.jsonl');
      await appendLedger(file, [e('a', 0, 0), e('b', 1, 0)]);
      await appendLedger(file, []);
      await appendLedger(file, [e('c', 0, 1)]);
      expect(await readLedger(file)).toEqual([e('a', 0, 0), e('b', 1, 0), e('c', 0, 1)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the bad line', () => {
    expect(() => parseLedger('{"id":"a","partition":0,"offset":0}\nnot json\n', 'l.jsonl')).toThrow('l.jsonl:2: not a ledger entry');
  });

  it('orders by partition then offset', () => {
    expect(inLogOrder([e('c', 1, 0), e('b', 0, 5), e('a', 0, 2)]).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/popularity/message.js';
import type { LedgerEntry } from '../../src/popularity/ledger.js';
import { produceParallel, shares } from '../../bench/support/produce.js';
import { FakeKafka } from '../popularity/fake-kafka.js';

describe('shares', () => {
  it('splits a total into whole parts that differ by at most one', () => {
    expect(shares(10, 3)).toEqual([4, 3, 3]);
    expect(shares(20_000, 8)).toEqual(Array(8).fill(2500));
    expect(shares(2, 4)).toEqual([1, 1, 0, 0]);
  });
});

describe('produceParallel', () => {
  it('splits the count between loops with their own seeds; every acked message reaches onAcked once', async () => {
    const kafka = new FakeKafka('t', 1);
    const acked: LedgerEntry[] = [];
    const s = await produceParallel(kafka.client, { topic: 't', loops: 3, count: 1000, batchSize: 64, seed: 5, onAcked: (e) => void acked.push(...e) });
    expect(s).toMatchObject({ acked: 1000, inDoubt: 0, failedAttempts: 0 });
    expect(kafka.logs.get('t')![0]).toHaveLength(1000);
    expect(new Set(acked.map((e) => e.id)).size).toBe(1000);
    expect(new Set(acked.map((e) => e.id.split('-')[0]))).toEqual(new Set(['5', '6', '7']));
    expect(acked.every((e) => parseMessage(e.value).ok)).toBe(true);
  });
});

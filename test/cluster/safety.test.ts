import { describe, expect, it } from 'vitest';
import { controllerLast, restartBlockers, summarizeBlockers, underReplicated, type PartitionState } from '../../src/cluster/safety.js';

const p = (replicas: number[], isr: number[], minIsr = 2, partition = 0): PartitionState => ({ topic: 't', partition, leader: isr[0] ?? -1, replicas, isr, minIsr });

describe('restartBlockers (Strimzi rule)', () => {
  it('allows a broker when every partition keeps min ISR without it', () => {
    expect(restartBlockers(0, [p([0, 1, 2], [0, 1, 2])])).toEqual([]);
  });
  it('refuses when ISR == min ISR and the broker is in it', () => {
    expect(restartBlockers(0, [p([0, 1, 2], [0, 1])])).toEqual(['t-0 (replicas [0,1,2], ISR [0,1], min.insync.replicas 2): broker 0 is one of its last in-sync replicas']);
  });
  it('allows when ISR == min ISR but the broker is not in it', () => {
    expect(restartBlockers(2, [p([0, 1, 2], [0, 1])])).toEqual([]);
  });
  it('refuses when ISR is already below min ISR', () => {
    expect(restartBlockers(2, [p([0, 1, 2], [0])])[0]).toMatch(/already under min ISR/);
  });
  it('skips partitions that cannot satisfy the rule, and partitions elsewhere', () => {
    expect(restartBlockers(0, [p([0, 1], [0], 2), p([0], [0], 1), p([1, 2, 3], [1], 2)])).toEqual([]);
  });
});

describe('summarizeBlockers', () => {
  it('shows the first blocker whole and names every other one', () => {
    const blockers = restartBlockers(0, [0, 1, 2].map((i) => p([0, 1, 2], [0, 1], 2, i)));
    expect(summarizeBlockers(blockers)).toBe('t-0 (replicas [0,1,2], ISR [0,1], min.insync.replicas 2): broker 0 is one of its last in-sync replicas; also t-1, t-2');
    expect(summarizeBlockers(blockers.slice(0, 1))).toBe(blockers[0]);
  });
  it('names at most max others, and counts the rest', () => {
    const blockers = restartBlockers(0, [0, 1, 2, 3].map((i) => p([0, 1, 2], [0, 1], 2, i)));
    expect(summarizeBlockers(blockers, 2)).toMatch(/; also t-1, t-2 \(\+1 more\)$/);
  });
});

describe('ordering', () => {
  it('controller last', () => {
    expect(controllerLast([2, 0, 1], 0)).toEqual([1, 2, 0]);
    expect(controllerLast([2, 0, 1], null)).toEqual([0, 1, 2]);
  });
  it('under-replicated', () => {
    expect(underReplicated([p([0, 1, 2], [0, 1, 2]), p([0, 1, 2], [1, 2], 2, 1)]).map((x) => x.partition)).toEqual([1]);
  });
});

import { describe, expect, it } from 'vitest';
import { approxEqual, diffPopularity, popularityOf, topN } from '../../src/popularity/oracle.js';

describe('popularityOf', () => {
  it('sums f per page (hand-computed)', () => {
    const r = popularityOf([
      'page001.html|1|0.5|1', // 0.8 + 0.4 + 1 = 2.2
      'page001.html|2|1|-1', // 1.6 + 0.8 - 1 = 1.4
      'page2|5|2.5|0', // 4 + 2 = 6
      'page2|x|1|1', // malformed
      '',
    ]);
    expect(r.valid).toBe(3);
    expect(r.malformed).toBe(2);
    expect(r.final.get('page001.html')).toBeCloseTo(3.6, 12);
    expect(r.final.get('page2')).toBeCloseTo(6, 12);
    expect(r.final.size).toBe(2);
  });

  it('gives 2.2 for the seed example', () => {
    expect(popularityOf(['page001.html|1|0.5|1']).final.get('page001.html')).toBeCloseTo(2.2, 12);
  });
});

describe('topN', () => {
  it('orders by value desc, then page id asc on ties, and keeps ten', () => {
    const pop = new Map<string, number>();
    for (let i = 1; i <= 15; i++) pop.set(`page${i}`, i % 3);
    const top = topN(pop);
    expect(top).toHaveLength(10);
    expect(top.slice(0, 5)).toEqual([
      ['page11', 2],
      ['page14', 2],
      ['page2', 2],
      ['page5', 2],
      ['page8', 2],
    ]);
    expect(top[5]).toEqual(['page1', 1]);
    expect(topN({ b: 1, a: 1, c: 3 }, 2)).toEqual([
      ['c', 3],
      ['a', 1],
    ]);
  });
});

describe('approxEqual / diffPopularity', () => {
  it('tolerates float summation order, not real differences', () => {
    expect(approxEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(approxEqual(1e6 + 0.01, 1e6)).toBe(false);
    expect(approxEqual(1e6 + 1e-6, 1e6)).toBe(true);
    expect(approxEqual(2.2, 2.2000001)).toBe(false);
    expect(approxEqual(-5, -5 - 1e-9)).toBe(true);
  });

  it('lists pages that differ or exist on one side only', () => {
    const diff = diffPopularity({ a: 1, b: 2, c: 3 }, new Map([['a', 1 + 1e-12], ['b', 2.5], ['d', 1]]));
    expect(diff).toEqual([
      { page: 'b', expected: 2, actual: 2.5 },
      { page: 'c', expected: 3, actual: null },
      { page: 'd', expected: null, actual: 1 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { createBehaviourGenerator, createRandom } from '../../src/popularity/generator.js';
import { formatMessage } from '../../src/popularity/message.js';
import { approxEqual, diffPopularity, popularityOf, topN } from '../../src/popularity/oracle.js';
import { seedPopularity, seedTop10 } from '../support/seed-oracle.js';

// Field values on both sides of the grammar's edges, valid and malformed (magnitudes that would
// swamp a page's sum are checked one message at a time below).
const EDGES = [
  ['page7', ' page7', 'page 7', '\u00a0', ' ', '', '\t', 'p\u2028'],
  ['0', '007', '-1', '+1', '1.0', ' 1', '1 ', '', '1e2', '0x1'],
  ['0', '1.', '.5', '2e-3', '1E+2', '1e-400', '.', 'e5', '1e', '-0.5', '+1', 'NaN', 'Infinity', ' 1', '0x10', ''],
  ['1', '0', '-1', '+1', '-0', '2', '01', ' 1', ''],
];
const EXTREMES = ['p|9007199254740991|0|0', 'p|9007199254740992|0|0', 'p|99999999999999999999|0|0', 'p|1|1e308|0', 'p|1|1e309|0', 'p|1|123456789012345678901234|0'];

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

  it('equals the independently written seed oracle on 20,000 generated and mutated messages', () => {
    const random = createRandom(3);
    const next = createBehaviourGenerator(3, 20);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const values: (string | null)[] = [null, ''];
    for (let i = 0; i < 20_000; i++) {
      const fields = formatMessage(next()).split('|');
      const r = random();
      if (r < 0.4) {
        const f = Math.floor(random() * 4);
        fields[f] = pick(EDGES[f]!);
      } else if (r < 0.6) {
        const f = Math.floor(random() * 4);
        const at = Math.floor(random() * (fields[f]!.length + 1));
        fields[f] = fields[f]!.slice(0, at) + pick([...'|.-+eE0 x']) + fields[f]!.slice(at + 1);
      }
      values.push(fields.join('|'));
    }
    const expected = seedPopularity(values);
    // both sides of the grammar are exercised: about 8,000 lines are left alone, the rest are edited
    expect(expected.valid).toBeGreaterThan(10_000);
    expect(expected.malformed).toBeGreaterThan(5_000);
    const actual = popularityOf(values);
    expect({ valid: actual.valid, malformed: actual.malformed }).toEqual({ valid: expected.valid, malformed: expected.malformed });
    expect(diffPopularity(expected.final, actual.final, 0)).toEqual([]);
    expect(topN(actual.final)).toEqual(seedTop10(expected.final));
  });

  it.each(EXTREMES)('%j: same verdict and value as the seed oracle', (value) => {
    const { final, valid, malformed } = popularityOf([value]);
    expect({ final, valid, malformed }).toEqual(seedPopularity([value]));
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

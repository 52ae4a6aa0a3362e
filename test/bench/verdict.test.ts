import { describe, expect, it } from 'vitest';
import { popularityOf, topN } from '../../src/popularity/oracle.js';
import { jobProblems } from '../../bench/support/verdict.js';

const values = ['a|1|0.5|1', 'b|2|1|0', 'a|x|1|1', 'c|1|1|1'];
const oracle = popularityOf(values);
const ends = [{ partition: 0, low: 0, high: 3 }, { partition: 1, low: 0, high: 1 }];
const good = {
  consumed: 4,
  malformed: 1,
  final: Object.fromEntries(oracle.final),
  top10: topN(oracle.final),
  partitions: [{ partition: 0, next_offset: 3, consumed: 3, malformed: 1 }, { partition: 1, next_offset: 1, consumed: 1, malformed: 0 }],
  skipped_replays: 0,
  gaps: 0,
};

describe('jobProblems', () => {
  it('none when the report equals the oracle and reached every end offset', () => {
    expect(jobProblems(good, oracle, ends)).toEqual([]);
  });

  it('names every difference', () => {
    const bad = { ...good, consumed: 3, malformed: 0, gaps: 2, final: { ...good.final, a: 99 }, partitions: [good.partitions[0]!] };
    expect(jobProblems(bad, oracle, ends)).toEqual([
      'consumed 3, acked 4',
      'malformed 0, oracle 1',
      '2 offsets skipped as gone',
      `1 pages differ from the oracle (a: job 99, oracle ${oracle.final.get('a')})`,
      'partition 1 missing from the report',
    ]);
  });

  it('a partition short of its end offset, a wrong top 10 with right values', () => {
    const bad = { ...good, top10: [...good.top10].reverse(), partitions: [{ ...good.partitions[0]!, next_offset: 2 }, good.partitions[1]!] };
    expect(jobProblems(bad, oracle, ends)).toEqual([
      expect.stringMatching(/^top 10 /),
      'partition 0 stopped at 2, end offset 3',
    ]);
  });
});

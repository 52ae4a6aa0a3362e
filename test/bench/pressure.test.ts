import { describe, expect, it } from 'vitest';
import { withinTarget } from '../../bench/support/figures.js';
import { perRound, pressureFigures, roundOrder, type PressureRun, type PressureTarget } from '../../bench/support/pressure.js';

const run = (target: PressureTarget, round: number, rate: number): PressureRun => ({ target, round, records_per_sec: rate, p99_ms: 100 + round, load_average: 2 + round });

describe('roundOrder', () => {
  it('alternates, the rendered cluster first in the first round, and runs each target once a round', () => {
    expect([0, 1, 2].map(roundOrder)).toEqual([['c', 'b', 'a'], ['a', 'b', 'c'], ['c', 'b', 'a']]);
  });
});

describe('pressureFigures', () => {
  const runs = [run('c', 0, 3000), run('b', 0, 3100), run('a', 0, 9000), run('a', 1, 11000), run('b', 1, 2900), run('c', 1, 2900)];

  it('ratios within a round, then their median', () => {
    expect(perRound(runs, 'c', 'b')).toEqual([0.968, 1]);
    expect(perRound(runs, 'b', 'a')).toEqual([0.344, 0.264]);
    const f = Object.fromEntries(pressureFigures(runs, 1024).map((x) => [x.name.split(' ').slice(0, 2).join(' '), x]));
    expect(f['pressure c/b']?.value).toBe(0.984);
    expect(withinTarget(f['pressure c/b']!)).toBe(true);
    expect(f['pressure b/a']?.value).toBe(0.304);
    expect(f['pressure (a)']?.value).toBe(10000);
    expect(f['pressure (a)']?.reference).toBe('rounds 9,000, 11,000; p99 100, 101 ms; load 2, 3');
    expect(f['pressure c/a']?.value).toBe(0.299);
  });

  it('misses the goal when the rendered cluster is slower than the defaults by more than 5%', () => {
    const slow = [run('c', 0, 2800), run('b', 0, 3000)];
    const cb = pressureFigures(slow, 1024).find((x) => x.name === 'pressure c/b')!;
    expect(cb.value).toBe(0.933);
    expect(withinTarget(cb)).toBe(false);
  });

  it('a ratio of a round where one side did not run is left out, not counted as zero', () => {
    expect(perRound([run('c', 0, 3000), run('b', 1, 3000)], 'c', 'b')).toEqual([]);
    expect(pressureFigures([run('c', 0, 3000)], 1024).find((x) => x.name === 'pressure c/b')?.value).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { median, perSecond, ratio, roundRatios, seconds } from '../../bench/support/stats.js';

describe('bench stats', () => {
  it('perSecond rounds events per second and refuses a zero duration', () => {
    expect(perSecond(1_000_000, 20_000)).toBe(50_000);
    expect(perSecond(10, 3000)).toBe(3);
    expect(() => perSecond(10, 0)).toThrow(/positive/);
  });

  it('ratio has three decimals and is null against nothing', () => {
    expect(ratio(41_000, 50_000)).toBe(0.82);
    expect(ratio(2, 3)).toBe(0.667);
    expect(ratio(1, 0)).toBeNull();
  });

  it('roundRatios sets each job run against the faster reference run on either side of it', () => {
    expect(roundRatios([80, 90, 50], [100, 90, 120, 100])).toEqual([0.8, 0.75, 0.417]);
    expect(() => roundRatios([80, 90], [100, 90])).toThrow(/one more reference run/);
  });

  it('median of odd and even counts, null for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('seconds to one decimal', () => {
    expect(seconds(12_345)).toBe(12.3);
  });
});

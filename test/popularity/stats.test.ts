import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/popularity/stats.js';

describe('percentile (nearest rank)', () => {
  it('picks ranks from the sorted values', () => {
    const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 99)).toBe(10);
    expect(percentile(xs, 100)).toBe(10);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([], 50)).toBeNull();
  });
});

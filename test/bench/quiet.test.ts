import { describe, expect, it } from 'vitest';
import { idleShare, parseCpuLine } from '../../bench/support/quiet.js';

describe('the quiet gate', () => {
  it("reads idle and iowait against the total of /proc/stat's cpu line", () => {
    const stat = 'cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\nintr 1\n';
    expect(parseCpuLine(stat)).toEqual([850, 1000]);
    expect(() => parseCpuLine('intr 1\n')).toThrow(/no aggregate cpu line/);
  });

  it('gives the idle share between two readings', () => {
    expect(idleShare([850, 1000], [1030, 1200])).toBe(0.9);
    expect(idleShare([850, 1000], [850, 1000])).toBe(0);
  });
});

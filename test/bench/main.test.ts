import { describe, expect, it } from 'vitest';
import { envInt } from '../../bench/support/main.js';

describe('envInt', () => {
  it('uses the fallback when unset or empty, else a positive integer', () => {
    expect(envInt('N', 7, {})).toBe(7);
    expect(envInt('N', 7, { N: '' })).toBe(7);
    expect(envInt('N', 7, { N: '20000' })).toBe(20000);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['0', '-1', '1e6', '2.5', 'lots']) expect(() => envInt('KCP_BENCH_MESSAGES', 7, { KCP_BENCH_MESSAGES: bad })).toThrow(`KCP_BENCH_MESSAGES must be a positive integer, got "${bad}"`);
  });
});

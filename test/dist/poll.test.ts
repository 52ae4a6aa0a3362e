import { describe, expect, it } from 'vitest';
import { backoffDelay, pollUntil } from '../../src/dist/poll.js';

describe('pollUntil', () => {
  it('backs off exponentially up to a cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, 100, 1_000))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('returns the first ready value; errors and false/undefined mean "not yet"', async () => {
    let calls = 0;
    const value = await pollUntil(
      async () => {
        calls++;
        if (calls === 1) throw new Error('connection refused');
        if (calls === 2) return false;
        if (calls === 3) return undefined;
        return `ready after ${calls}`;
      },
      { timeoutMs: 5_000, initialDelayMs: 1, what: 'x' },
    );
    expect(value).toBe('ready after 4');
  });

  it('gives up at the deadline, naming what it waited for and the last problem', async () => {
    const started = Date.now();
    await expect(
      pollUntil(async () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:1')), { timeoutMs: 300, initialDelayMs: 20, what: 'ZooKeeper ruok' }),
    ).rejects.toThrow('timed out after 300 ms waiting for ZooKeeper ruok: ECONNREFUSED 127.0.0.1:1');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
  });
});

import { describe, expect, it } from 'vitest';
import { retry } from '../../src/core/retry.js';

describe('retry', () => {
  it('returns the first success, passing the attempt number', async () => {
    const attempts: number[] = [];
    const value = await retry(
      async (n) => {
        attempts.push(n);
        if (n < 3) throw new Error(`try ${n}`);
        return 'ok';
      },
      { attempts: 5, backoff: { max: '10ms', base: '1ms' } },
    );
    expect(value).toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('throws the last error after the last attempt, waiting the backoff delays in between', async () => {
    const delays: number[] = [];
    const started = performance.now();
    await expect(
      retry(async (n) => Promise.reject(new Error(`fail ${n}`)), {
        attempts: 4,
        backoff: { max: '40ms', base: '10ms' },
        onRetry: (_e, _a, d) => delays.push(d),
      }),
    ).rejects.toThrow('fail 4');
    expect(delays).toEqual([10, 20, 40]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(65);
  });

  it('does not retry errors the predicate rejects', async () => {
    let calls = 0;
    await expect(
      retry(async () => (calls++, Promise.reject(new TypeError('fatal'))), {
        attempts: 5,
        retryIf: (e) => !(e instanceof TypeError),
      }),
    ).rejects.toThrow('fatal');
    expect(calls).toBe(1);
  });

  it('refuses a non-positive attempt count', async () => {
    await expect(retry(async () => 1, { attempts: 0 })).rejects.toThrow(/attempts/);
  });
});

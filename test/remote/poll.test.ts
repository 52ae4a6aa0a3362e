import { describe, expect, it } from 'vitest';
import { poll, PollTimeoutError } from '../../src/remote/poll.js';

describe('poll', () => {
  it('returns the first value that satisfies until()', async () => {
    let n = 0;
    const v = await poll(async () => ++n, { deadlineMs: 2000, intervalMs: 5, describe: 'n >= 3', until: (x) => x >= 3 });
    expect(v).toBe(3);
    expect(n).toBe(3);
  });

  it('by default waits for a value that is not null/undefined/false', async () => {
    let n = 0;
    const values = [null, undefined, false, 0];
    const v = await poll(async () => values[n++], { deadlineMs: 2000, intervalMs: 1, describe: 'something' });
    expect(v).toBe(0);
  });

  it('treats a throwing attempt as not yet, and keeps going', async () => {
    let n = 0;
    const v = await poll(
      async () => {
        if (++n < 3) throw new Error('ECONNREFUSED');
        return 'up';
      },
      { deadlineMs: 2000, intervalMs: 1, describe: 'port open' },
    );
    expect(v).toBe('up');
  });

  it('gives up at the deadline, naming what it waited for and what it last saw', async () => {
    let n = 0;
    const started = performance.now();
    const err = await poll(async () => `Mode: standalone #${++n}`, {
      deadlineMs: 300,
      intervalMs: 20,
      backoff: 2,
      describe: 'ZooKeeper on node02 to be leader or follower',
      until: (s) => !s.includes('standalone'),
    }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(err).toBeInstanceOf(PollTimeoutError);
    const e = err as PollTimeoutError;
    expect(e.message).toContain('timed out after 300 ms');
    expect(e.message).toContain('waiting for ZooKeeper on node02 to be leader or follower');
    expect(e.message).toMatch(new RegExp(`last seen: Mode: standalone #${n}$`));
    expect(e.attempts).toBe(n);
    // deadline respected (with scheduling slack), and a final attempt happened at the deadline
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(1_500);
    // backoff: waits 20, 40, 80, 160 (clipped) -> about 5 attempts, not 15 at a fixed 20 ms
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(7);
  });

  it('reports the last error when attempts kept failing', async () => {
    await expect(
      poll(async () => Promise.reject(new Error('connection refused')), { deadlineMs: 50, intervalMs: 5, describe: 'sshd' }),
    ).rejects.toThrow(/waiting for sshd; last seen: error: connection refused/);
  });

  it('does not wait past the deadline for a hanging attempt', async () => {
    const started = performance.now();
    await expect(
      poll(() => new Promise<never>(() => {}), { deadlineMs: 100, describe: 'a hung check' }),
    ).rejects.toThrow(/still running at the deadline/);
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('caps the interval at maxIntervalMs', async () => {
    const times: number[] = [];
    await poll(
      async () => {
        times.push(performance.now());
        return times.length >= 5;
      },
      { deadlineMs: 5000, intervalMs: 10, backoff: 10, maxIntervalMs: 30, describe: 'five tries' },
    );
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThan(100);
  });
});

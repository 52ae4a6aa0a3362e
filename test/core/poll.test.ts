import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { poll, PollTimeoutError } from '../../src/core/poll.js';

// Fake timers (setTimeout and performance.now): waits and deadlines are exact, whatever the load.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** Runs the clock until nothing is scheduled; says how and when (in fake ms) `p` settled. */
async function settled<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown; at: number }> {
  const t0 = performance.now();
  let outcome: { value?: T; error?: unknown; at: number } | undefined;
  p.then(
    (value) => (outcome = { value, at: performance.now() - t0 }),
    (error: unknown) => (outcome = { error, at: performance.now() - t0 }),
  );
  await vi.runAllTimersAsync();
  if (!outcome) throw new Error('poll is still pending with no timer left to end it');
  return outcome;
}

describe('poll', () => {
  it('returns the first value that satisfies until()', async () => {
    let n = 0;
    const r = await settled(poll(async () => ++n, { deadlineMs: 2000, intervalMs: 5, describe: 'n >= 3', until: (x) => x >= 3 }));
    expect(r.value).toBe(3);
    expect(n).toBe(3);
  });

  it('by default waits for a value that is not null/undefined/false', async () => {
    let n = 0;
    const values = [null, undefined, false, 0];
    const r = await settled(poll(async () => values[n++], { deadlineMs: 2000, intervalMs: 1, describe: 'something' }));
    expect(r.value).toBe(0);
  });

  it('treats a throwing attempt as not yet, and keeps going', async () => {
    let n = 0;
    const r = await settled(
      poll(
        async () => {
          if (++n < 3) throw new Error('ECONNREFUSED');
          return 'up';
        },
        { deadlineMs: 2000, intervalMs: 1, describe: 'port open' },
      ),
    );
    expect(r.value).toBe('up');
  });

  it('gives up at the deadline, naming what it waited for and what it last saw', async () => {
    const times: number[] = [];
    const t0 = performance.now();
    const r = await settled(
      poll(async () => `Mode: standalone #${times.push(performance.now() - t0)}`, {
        deadlineMs: 250,
        intervalMs: 20,
        backoff: 2,
        describe: 'ZooKeeper on node02 to be leader or follower',
        until: (s) => !s.includes('standalone'),
      }),
    );
    expect(r.error).toBeInstanceOf(PollTimeoutError);
    const e = r.error as PollTimeoutError;
    expect(e.message).toBe(
      'timed out after 250 ms (5 attempts) waiting for ZooKeeper on node02 to be leader or follower; last seen: Mode: standalone #5',
    );
    expect(e.attempts).toBe(5);
    // backoff: waits of 20, 40, 80, then 160 clipped to 110 so that the last attempt is at the deadline
    expect(times).toEqual([0, 20, 60, 140, 250]);
    expect(r.at).toBe(250);
  });

  it('reports the last error when attempts kept failing', async () => {
    const r = await settled(poll(async () => Promise.reject(new Error('connection refused')), { deadlineMs: 50, intervalMs: 5, describe: 'sshd' }));
    expect((r.error as Error).message).toMatch(/waiting for sshd; last seen: error: connection refused$/);
    expect(r.at).toBe(50);
  });

  it('does not wait past the deadline for a hanging attempt', async () => {
    const r = await settled(poll(() => new Promise<never>(() => {}), { deadlineMs: 100, describe: 'a hung check' }));
    expect((r.error as Error).message).toMatch(/still running at the deadline/);
    expect(r.at).toBe(100);
  });

  it('caps the interval at maxIntervalMs', async () => {
    const times: number[] = [];
    const t0 = performance.now();
    await settled(
      poll(
        async () => {
          times.push(performance.now() - t0);
          return times.length >= 5;
        },
        { deadlineMs: 5000, intervalMs: 10, backoff: 10, maxIntervalMs: 30, describe: 'five tries' },
      ),
    );
    // 10, then 100 capped to 30, and 30 from there on
    expect(times).toEqual([0, 10, 40, 70, 100]);
  });
});

import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { poll, tcpOpen } from '../../src/lab/wait.js';

describe('poll', () => {
  it('returns the first truthy value, retrying with backoff', async () => {
    let calls = 0;
    const value = await poll(async () => (++calls >= 3 ? 'ready' : false), () => 'never', { timeoutMs: 1000, intervalMs: 1 });
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('fails at the deadline with the description', async () => {
    // The clock moves only when the test moves it; setImmediate stays real to let promises settle.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      let calls = 0;
      let outcome: unknown = 'still polling';
      void poll(async () => void calls++, () => 'sshd did not listen', { timeoutMs: 60, intervalMs: 5 }).then(
        (v) => (outcome = v),
        (e: unknown) => (outcome = e),
      );
      const settle = () => new Promise((r) => setImmediate(r));
      await vi.advanceTimersByTimeAsync(59);
      await settle();
      expect(outcome).toBe('still polling'); // not before the deadline...
      const before = calls;
      await vi.advanceTimersByTimeAsync(1);
      await settle();
      expect(outcome).toBeInstanceOf(Error); // ...but right at it, after one last look
      expect((outcome as Error).message).toBe('sshd did not listen (after 60 ms)');
      expect(calls).toBe(before + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes errors of the check through', async () => {
    await expect(poll(async () => { throw new Error('PID 1 died'); }, () => 'x', { timeoutMs: 100 })).rejects.toThrow('PID 1 died');
  });
});

describe('tcpOpen', () => {
  it('tells a listening port from a closed one (loopback)', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    expect(await tcpOpen('127.0.0.1', port)).toBe(true);
    await new Promise((r) => server.close(r));
    expect(await tcpOpen('127.0.0.1', port)).toBe(false);
  });
});

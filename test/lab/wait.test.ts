import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { poll, tcpOpen } from '../../src/lab/wait.js';

describe('poll', () => {
  it('returns the first truthy value, retrying with backoff', async () => {
    let calls = 0;
    const value = await poll(async () => (++calls >= 3 ? 'ready' : false), () => 'never', { timeoutMs: 1000, intervalMs: 1 });
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('fails at the deadline with the description', async () => {
    const start = Date.now();
    await expect(poll(async () => undefined, () => 'sshd did not listen', { timeoutMs: 60, intervalMs: 5 })).rejects.toThrow(
      'sshd did not listen (after 60 ms)',
    );
    expect(Date.now() - start).toBeLessThan(1000);
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

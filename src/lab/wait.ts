// A poller with a deadline and backoff (no fixed sleeps), and a TCP probe for sshd readiness.
import { connect } from 'node:net';

export interface PollOptions {
  timeoutMs: number;
  /** first pause between tries; doubles up to maxIntervalMs */
  intervalMs?: number;
  maxIntervalMs?: number;
}

/** Calls `check` until it returns a value other than undefined/false; throws `describe()` at the deadline. */
export async function poll<T>(check: () => Promise<T | undefined | false>, describe: () => string, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let pause = options.intervalMs ?? 5;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`${describe()} (after ${options.timeoutMs} ms)`);
    await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(1, deadline - Date.now()))));
    pause = Math.min(pause * 2, options.maxIntervalMs ?? 100);
  }
}

/** True when something accepts TCP connections at address:port (closed at once). */
export function tcpOpen(address: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

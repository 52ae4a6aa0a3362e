// Poll a check until it passes or a deadline passes, with exponential backoff: the one way
// this folder (and the local Kafka fixture) waits for anything. No fixed sleeps.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /** give up after this long (ms) */
  timeoutMs: number;
  /** first pause between attempts (ms), doubled up to maxDelayMs */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** names what is awaited in the timeout error */
  what: string;
}

/** Delay before attempt n+1 (n counts from 0). Pure, for tests. */
export function backoffDelay(attempt: number, initialDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
}

/**
 * Calls `check` until it returns a value other than undefined (or throws nothing and returns
 * true). A throwing check counts as "not yet"; its last error is quoted on timeout.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined | false>, opts: PollOptions): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  const initial = opts.initialDelayMs ?? 100;
  const max = opts.maxDelayMs ?? 2_000;
  let lastProblem = 'never succeeded';
  for (let attempt = 0; ; attempt++) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      lastProblem = 'not ready';
    } catch (err) {
      lastProblem = err instanceof Error ? err.message : String(err);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}: ${lastProblem}`);
    }
    await sleep(Math.min(remaining, backoffDelay(attempt, initial, max)));
  }
}

// Retry with exponential backoff. zx's retry() retries every error; connecting must not retry
// a refused host key or a failed login, so this one takes a predicate. The delays come from
// zx's expBackoff generator, loaded on the first retry: most calls succeed at once, and every
// command would otherwise pay zx's import (about 80 ms) at start-up.
import type { Duration } from 'zx';

export interface RetryOptions {
  /** total tries, >= 1 */
  attempts: number;
  /** zx expBackoff(max, base): base, 2 x base, ... at most max between tries; default 5s, 200ms */
  backoff?: { max: Duration; base: Duration };
  /** only errors for which this is true are retried (default: all) */
  retryIf?: (err: unknown) => boolean;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  if (!Number.isInteger(opts.attempts) || opts.attempts < 1) throw new Error(`attempts must be >= 1, got ${opts.attempts}`);
  let delays: Iterator<number | void> | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= opts.attempts || (opts.retryIf && !opts.retryIf(err))) throw err;
      const { max, base } = opts.backoff ?? { max: '5s', base: '200ms' };
      delays ??= (await import('zx')).expBackoff(max, base);
      const delay = Number(delays.next().value ?? 0);
      opts.onRetry?.(err, attempt, delay);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    }
  }
}

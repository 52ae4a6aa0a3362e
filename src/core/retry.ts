// Retry with exponential backoff. zx's retry() retries every error; connecting must not retry
// a refused host key or a failed login, so this one takes a predicate. The delays come from
// zx's expBackoff generator.
import { expBackoff } from 'zx';

export interface RetryOptions {
  /** total tries, >= 1 */
  attempts: number;
  /** delays between tries in ms; default zx expBackoff('5s', '200ms') */
  delays?: Iterator<number | void>;
  /** only errors for which this is true are retried (default: all) */
  retryIf?: (err: unknown) => boolean;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  if (!Number.isInteger(opts.attempts) || opts.attempts < 1) throw new Error(`attempts must be >= 1, got ${opts.attempts}`);
  const delays = opts.delays ?? expBackoff('5s', '200ms');
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= opts.attempts || (opts.retryIf && !opts.retryIf(err))) throw err;
      const delay = Number(delays.next().value ?? 0);
      opts.onRetry?.(err, attempt, delay);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    }
  }
}

export { expBackoff };

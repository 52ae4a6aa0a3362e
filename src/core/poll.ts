// The health-gate poller: ask until the answer is good or the deadline passes, waiting longer
// between tries (backoff). On timeout the error says what was asked and what was last seen,
// which is what an operator needs ("ZooKeeper on node02: last seen Mode: standalone").
import { OperationError } from './errors.js';

export interface PollOptions<T> {
  /** give up this many ms after the start; an attempt still running then is abandoned */
  deadlineMs: number;
  /** first wait between attempts (default 200 ms) */
  intervalMs?: number;
  /** factor applied to the wait after each attempt (default 1.5; 1 = fixed interval) */
  backoff?: number;
  /** upper bound of a single wait (default 2000 ms) */
  maxIntervalMs?: number;
  /** what is awaited, for the timeout message: "broker 1 registered in ZooKeeper" */
  describe: string;
  /** success test for a value (default: value is not null/undefined/false) */
  until?: (value: T) => boolean;
  /** how a value is shown in the timeout message (default JSON, shortened) */
  show?: (value: T) => string;
}

export class PollTimeoutError extends OperationError {
  constructor(
    readonly describe: string,
    readonly attempts: number,
    readonly lastSeen: string,
    deadlineMs: number,
  ) {
    super(`timed out after ${deadlineMs} ms (${attempts} attempts) waiting for ${describe}; last seen: ${lastSeen}`);
    this.name = 'PollTimeoutError';
  }
}

const defaultUntil = (v: unknown): boolean => v !== null && v !== undefined && v !== false;

function defaultShow(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 300 ? `${s.slice(0, 299)}…` : s;
}

/**
 * Calls `fn` until `until(value)` holds; returns that value. An attempt that throws counts as
 * "not yet" (a port that refuses while a service starts) and its message is what was seen.
 */
export async function poll<T>(fn: () => Promise<T>, opts: PollOptions<T>): Promise<T> {
  const until = opts.until ?? defaultUntil;
  const show = opts.show ?? defaultShow;
  const factor = opts.backoff ?? 1.5;
  const maxInterval = opts.maxIntervalMs ?? 2000;
  let interval = opts.intervalMs ?? 200;
  const deadline = performance.now() + opts.deadlineMs;
  let attempts = 0;
  let lastSeen = 'nothing (no attempt finished)';
  const timeout = (): PollTimeoutError => new PollTimeoutError(opts.describe, attempts, lastSeen, opts.deadlineMs);

  for (;;) {
    attempts++;
    const remaining = deadline - performance.now();
    const outcome = await within(fn, remaining);
    if (outcome.kind === 'late') {
      lastSeen = `${lastSeen} (attempt ${attempts} still running at the deadline)`;
      throw timeout();
    }
    if (outcome.kind === 'value') {
      if (until(outcome.value)) return outcome.value;
      lastSeen = show(outcome.value);
    } else {
      lastSeen = `error: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`;
    }
    const left = deadline - performance.now();
    if (left <= 0) throw timeout();
    // the last wait is clipped so that one final attempt happens right at the deadline
    await sleep(Math.min(interval, left));
    interval = Math.min(interval * factor, maxInterval);
  }
}

type Outcome<T> = { kind: 'value'; value: T } | { kind: 'error'; error: unknown } | { kind: 'late' };

async function within<T>(fn: () => Promise<T>, ms: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'late' }), Math.max(0, ms));
  });
  const attempt = (async (): Promise<Outcome<T>> => {
    try {
      return { kind: 'value', value: await fn() };
    } catch (error) {
      return { kind: 'error', error };
    }
  })();
  try {
    return await Promise.race([attempt, late]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

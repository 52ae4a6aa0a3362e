// A bound on any wait whose own timeout might not hold (a socket half open, a child that does not
// exit): the caller goes on after `ms` whatever the work does; the work itself is not cancelled.
import { OperationError } from './errors.js';

/** The work's result, or an error saying what did not answer within `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OperationError(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for `work` to settle, at most `ms`; true if it did. Never rejects. */
export async function settledWithin(work: Promise<unknown> | null | undefined, ms: number): Promise<boolean> {
  if (!work) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

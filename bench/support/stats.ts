// Small arithmetic of the benches, kept pure so it is tested rather than trusted.

/** Events per second over a duration in milliseconds, rounded to a whole number. */
export function perSecond(count: number, ms: number): number {
  if (!(ms > 0)) throw new Error(`duration must be positive, got ${ms} ms`);
  return Math.round((count * 1000) / ms);
}

/** a / b rounded to 3 decimals; null when b is not positive. */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? Math.round((a / b) * 1000) / 1000 : null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/**
 * Per round i, job[i] against the FASTER of the reference runs just before and after it
 * (reference[i], reference[i + 1]): conservative, and each job run is compared with runs taken
 * under much the same load.
 */
export function roundRatios(job: number[], reference: number[]): number[] {
  if (reference.length !== job.length + 1) throw new Error(`need one more reference run than job runs, got ${reference.length} and ${job.length}`);
  return job.map((j, i) => ratio(j, Math.max(reference[i]!, reference[i + 1]!)) ?? 0);
}

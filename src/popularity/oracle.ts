// The truth the job is checked against: popularity recomputed from a ledger of messages,
// independent of Kafka, checkpoints and the job's code path (it shares only the message model).
import { contribution, parseMessage } from './message.js';

export type Popularity = Map<string, number>;

export interface OracleResult {
  final: Popularity;
  valid: number;
  malformed: number;
}

/** Sums f per page over the messages, in the given order; malformed messages are counted, not summed. */
export function popularityOf(values: Iterable<string | null>): OracleResult {
  const final: Popularity = new Map();
  let valid = 0;
  let malformed = 0;
  for (const value of values) {
    const parsed = parseMessage(value);
    if (!parsed.ok) {
      malformed++;
      continue;
    }
    valid++;
    const { page } = parsed.behaviour;
    final.set(page, (final.get(page) ?? 0) + contribution(parsed.behaviour));
  }
  return { final, valid, malformed };
}

/** Orders by value descending, then page id ascending, so ties never make the result flaky. */
export function compareRanked(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return b[1] - a[1];
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

export function topN(popularity: Popularity | Record<string, number>, n = 10): [string, number][] {
  const entries = popularity instanceof Map ? [...popularity] : Object.entries(popularity);
  return entries.sort(compareRanked).slice(0, n);
}

/** Equal within `tolerance`, relative to the larger magnitude (absolute below 1). */
export function approxEqual(a: number, b: number, tolerance = 1e-9): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

export interface PageDifference {
  page: string;
  expected: number | null;
  actual: number | null;
}

/** Pages whose values differ beyond the tolerance, or that exist on one side only. */
export function diffPopularity(
  expected: Popularity | Record<string, number>,
  actual: Popularity | Record<string, number>,
  tolerance = 1e-9,
): PageDifference[] {
  const e = expected instanceof Map ? expected : new Map(Object.entries(expected));
  const a = actual instanceof Map ? actual : new Map(Object.entries(actual));
  const pages = [...new Set([...e.keys(), ...a.keys()])].sort();
  const out: PageDifference[] = [];
  for (const page of pages) {
    const x = e.get(page);
    const y = a.get(page);
    if (x === undefined || y === undefined || !approxEqual(x, y, tolerance)) {
      out.push({ page, expected: x ?? null, actual: y ?? null });
    }
  }
  return out;
}

// The expected popularity, written straight from the seed's definition and sharing no code with
// src/ (not its parser, not its formula), so a bug in the job's message model cannot hide here.
//
// A message is `pageId|clicks|stayMinutes|like`, exactly four fields:
//   pageId       anything but empty or whitespace only (kept as written, spaces included)
//   clicks       digits only (leading zeros allowed), at most 2^53 - 1
//   stayMinutes  a non-negative decimal: digits with an optional fraction, or a bare fraction,
//                optionally with an exponent (`1`, `1.`, `1.5`, `.5`, `2e-3`), finite;
//                no sign, no spaces, no hex, no NaN or Infinity
//   like         1, 0 or -1, written exactly so
// Its contribution is f = 0.8 * clicks + 0.8 * stayMinutes + like; a page's popularity is the sum
// of the contributions of its messages, in the given order. An empty message or a tombstone
// (null) is malformed; malformed messages are counted, not summed.

export interface SeedMessage {
  page: string;
  clicks: number;
  stayMinutes: number;
  like: number;
}

export interface SeedPopularity {
  final: Map<string, number>;
  valid: number;
  malformed: number;
}

const CLICKS = /^[0-9]+$/;
const STAY = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const LIKE = /^(?:1|0|-1)$/;
const BLANK = /^\s*$/;

/** The message's four fields as numbers, or null when it is malformed. */
export function seedMessage(value: string | null | undefined): SeedMessage | null {
  if (!value) return null;
  const fields = value.split('|');
  if (fields.length !== 4) return null;
  const [page, clicks, stay, like] = fields as [string, string, string, string];
  if (BLANK.test(page) || !CLICKS.test(clicks) || !STAY.test(stay) || !LIKE.test(like)) return null;
  const message = { page, clicks: Number(clicks), stayMinutes: Number(stay), like: Number(like) };
  return Number.isSafeInteger(message.clicks) && Number.isFinite(message.stayMinutes) ? message : null;
}

/** Page -> popularity over `values`, in order, with the counts of valid and malformed messages. */
export function seedPopularity(values: Iterable<string | null>): SeedPopularity {
  const result: SeedPopularity = { final: new Map(), valid: 0, malformed: 0 };
  for (const value of values) {
    const m = seedMessage(value);
    if (!m) {
      result.malformed++;
      continue;
    }
    result.valid++;
    result.final.set(m.page, (result.final.get(m.page) ?? 0) + (0.8 * m.clicks + 0.8 * m.stayMinutes + m.like));
  }
  return result;
}

/** The ten most popular pages, highest first; ties by page id ascending. */
export function seedTop10(popularity: Map<string, number> | Record<string, number>): [string, number][] {
  const entries = popularity instanceof Map ? [...popularity] : Object.entries(popularity);
  return entries.sort(([pa, a], [pb, b]) => b - a || (pa < pb ? -1 : pa > pb ? 1 : 0)).slice(0, 10);
}

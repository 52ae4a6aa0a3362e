// The seed's user-behaviour message `pageId|clicks|stayMinutes|like` (e.g. `page37|5|1.5119122|-1`)
// and its contribution to a page's popularity, f(x, y, z) = 0.8x + 0.8y + z.
//
// The parser runs once per record on the job's hot path, so it scans character codes instead of
// splitting and matching regexes (about twice as fast); the grammar it accepts is spelled out as
// regexes in its test, which checks the two agree on generated and mutated input.

export interface Behaviour {
  page: string;
  clicks: number;
  stayMinutes: number;
  like: -1 | 0 | 1;
}

export type MalformedReason =
  | 'empty'
  | 'field-count'
  | 'empty-page'
  | 'invalid-clicks'
  | 'invalid-stay'
  | 'invalid-like';

export type Parsed = { ok: true; behaviour: Behaviour } | { ok: false; reason: MalformedReason; detail: string };

const PIPE = 0x7c;
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;
const MINUS = 0x2d;
const PLUS = 0x2b;

const isDigit = (code: number) => code >= ZERO && code <= NINE;

function malformed(reason: MalformedReason, detail: string): Parsed {
  return { ok: false, reason, detail };
}

/** A non-negative integer in plain digits (leading zeros allowed), or NaN. */
function scanClicks(text: string, start: number, end: number): number {
  if (start === end) return NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return NaN;
    n = n * 10 + (code - ZERO); // exact below 2^53; beyond it the caller's isSafeInteger says no
  }
  return n;
}

// 10^0..10^22 are exact doubles: a mantissa of at most 15 digits divided by one of them is a
// single correctly rounded operation, so it equals Number(text) (the fast path of every strtod).
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_FAST_DIGITS = 15;

/**
 * A plain decimal with an optional exponent (`1`, `1.`, `1.5`, `.5`, `2e-3`) as a number, or NaN
 * for anything else: no sign, hex, spaces, NaN or Infinity.
 */
function scanDecimal(text: string, start: number, end: number): number {
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let i = start;
  for (let seenDot = false; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      mantissa = mantissa * 10 + (code - ZERO);
      digits++;
      if (seenDot) fractionDigits++;
    } else if (code === DOT && !seenDot) {
      seenDot = true;
    } else {
      break;
    }
  }
  if (digits === 0) return NaN;
  if (i === end) return digits <= MAX_FAST_DIGITS ? mantissa / EXACT_POWERS_OF_TEN[fractionDigits]! : Number(text.slice(start, end));
  if ((text.charCodeAt(i) | 0x20) !== 0x65 /* e or E */) return NaN;
  i++;
  if (i < end && (text.charCodeAt(i) === PLUS || text.charCodeAt(i) === MINUS)) i++;
  const exponentStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  return i === exponentStart || i !== end ? NaN : Number(text.slice(start, end));
}

/** -1, 0 or 1 written exactly so, or undefined. */
function scanLike(text: string, start: number): -1 | 0 | 1 | undefined {
  const length = text.length - start;
  const first = text.charCodeAt(start);
  if (length === 1 && (first === ZERO || first === ZERO + 1)) return first === ZERO ? 0 : 1;
  if (length === 2 && first === MINUS && text.charCodeAt(start + 1) === ZERO + 1) return -1;
  return undefined;
}

/** Blank as String.prototype.trim sees it; a printable ASCII first character settles it at once. */
function isBlank(page: string): boolean {
  const first = page.charCodeAt(0);
  return page.length === 0 || ((first <= 0x20 || first >= 0x7f) && page.trim().length === 0);
}

/** Never throws: anything that is not a valid message comes back as malformed with a reason. */
export function parseMessage(value: string | null | undefined): Parsed {
  if (value === null || value === undefined || value.length === 0) return malformed('empty', 'empty message');
  const a = value.indexOf('|');
  const b = a < 0 ? -1 : value.indexOf('|', a + 1);
  const c = b < 0 ? -1 : value.indexOf('|', b + 1);
  if (c < 0 || value.indexOf('|', c + 1) >= 0) {
    return malformed('field-count', `expected 4 fields separated by "|", got ${value.split('|').length}`);
  }
  const page = value.slice(0, a);
  if (isBlank(page)) return malformed('empty-page', 'page id is empty');
  const clicks = scanClicks(value, a + 1, b);
  if (!Number.isSafeInteger(clicks)) {
    return malformed('invalid-clicks', `clicks must be a non-negative integer, got "${value.slice(a + 1, b)}"`);
  }
  const stay = scanDecimal(value, b + 1, c);
  if (!Number.isFinite(stay)) {
    return malformed('invalid-stay', `stay minutes must be a non-negative finite number, got "${value.slice(b + 1, c)}"`);
  }
  const like = scanLike(value, c + 1);
  if (like === undefined) return malformed('invalid-like', `like must be -1, 0 or 1, got "${value.slice(c + 1)}"`);
  return { ok: true, behaviour: { page, clicks, stayMinutes: stay, like } };
}

export function formatMessage(b: Behaviour): string {
  return `${b.page}|${b.clicks}|${b.stayMinutes}|${b.like}`;
}

/** f(x, y, z) = 0.8x + 0.8y + z, the seed's weights for clicks, stay and like. */
export function contribution(b: Behaviour): number {
  return 0.8 * b.clicks + 0.8 * b.stayMinutes + b.like;
}

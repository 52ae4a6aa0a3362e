// The seed's user-behaviour message `pageId|clicks|stayMinutes|like` (e.g. `page37|5|1.5119122|-1`)
// and its contribution to a page's popularity, f(x, y, z) = 0.8x + 0.8y + z.

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

const CLICKS = /^\d+$/;
// Plain decimal, optional exponent: no sign, no hex, no whitespace, no "Infinity"/"NaN".
const STAY = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function malformed(reason: MalformedReason, detail: string): Parsed {
  return { ok: false, reason, detail };
}

/** Never throws: anything that is not a valid message comes back as malformed with a reason. */
export function parseMessage(value: string | null | undefined): Parsed {
  if (value === null || value === undefined || value.length === 0) return malformed('empty', 'empty message');
  const fields = value.split('|');
  if (fields.length !== 4) return malformed('field-count', `expected 4 fields separated by "|", got ${fields.length}`);
  const [page, clicksText, stayText, likeText] = fields as [string, string, string, string];
  if (page.trim().length === 0) return malformed('empty-page', 'page id is empty');
  const clicks = Number(clicksText);
  if (!CLICKS.test(clicksText) || !Number.isSafeInteger(clicks)) {
    return malformed('invalid-clicks', `clicks must be a non-negative integer, got "${clicksText}"`);
  }
  const stay = Number(stayText);
  if (!STAY.test(stayText) || !Number.isFinite(stay)) {
    return malformed('invalid-stay', `stay minutes must be a non-negative finite number, got "${stayText}"`);
  }
  if (likeText !== '1' && likeText !== '0' && likeText !== '-1') {
    return malformed('invalid-like', `like must be -1, 0 or 1, got "${likeText}"`);
  }
  return { ok: true, behaviour: { page, clicks, stayMinutes: stay, like: Number(likeText) as -1 | 0 | 1 } };
}

export function formatMessage(b: Behaviour): string {
  return `${b.page}|${b.clicks}|${b.stayMinutes}|${b.like}`;
}

/** f(x, y, z) = 0.8x + 0.8y + z, the seed's weights for clicks, stay and like. */
export function contribution(b: Behaviour): number {
  return 0.8 * b.clicks + 0.8 * b.stayMinutes + b.like;
}

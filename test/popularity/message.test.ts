import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/popularity/generator.js';
import { contribution, formatMessage, parseMessage, type Parsed } from '../../src/popularity/message.js';
import { mutatedMessages } from './mutated-messages.js';

// The grammar, written the plain way: the scanning parser must agree with it on every input.
const CLICKS = /^\d+$/;
const STAY = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function specParse(value: string | null | undefined): Parsed {
  const bad = (reason: Exclude<Parsed, { ok: true }>['reason'], detail: string): Parsed => ({ ok: false, reason, detail });
  if (value === null || value === undefined || value.length === 0) return bad('empty', 'empty message');
  const fields = value.split('|');
  if (fields.length !== 4) return bad('field-count', `expected 4 fields separated by "|", got ${fields.length}`);
  const [page, clicksText, stayText, likeText] = fields as [string, string, string, string];
  if (page.trim().length === 0) return bad('empty-page', 'page id is empty');
  const clicks = Number(clicksText);
  if (!CLICKS.test(clicksText) || !Number.isSafeInteger(clicks)) return bad('invalid-clicks', `clicks must be a non-negative integer, got "${clicksText}"`);
  const stay = Number(stayText);
  if (!STAY.test(stayText) || !Number.isFinite(stay)) return bad('invalid-stay', `stay minutes must be a non-negative finite number, got "${stayText}"`);
  if (likeText !== '1' && likeText !== '0' && likeText !== '-1') return bad('invalid-like', `like must be -1, 0 or 1, got "${likeText}"`);
  return { ok: true, behaviour: { page, clicks, stayMinutes: stay, like: Number(likeText) as -1 | 0 | 1 } };
}

describe('parseMessage', () => {
  it('parses the seed examples', () => {
    expect(parseMessage('page37|5|1.5119122|-1')).toEqual({
      ok: true,
      behaviour: { page: 'page37', clicks: 5, stayMinutes: 1.5119122, like: -1 },
    });
    expect(parseMessage('page001.html|1|0.5|1')).toMatchObject({ ok: true, behaviour: { page: 'page001.html' } });
  });

  it.each([
    ['', 'empty'],
    ['page1|1|0.5', 'field-count'],
    ['page1|1|0.5|1|extra', 'field-count'],
    ['|1|0.5|1', 'empty-page'],
    ['  |1|0.5|1', 'empty-page'],
    ['page1|-1|0.5|1', 'invalid-clicks'],
    ['page1|1.5|0.5|1', 'invalid-clicks'],
    ['page1||0.5|1', 'invalid-clicks'],
    ['page1| 1|0.5|1', 'invalid-clicks'],
    ['page1|99999999999999999999|0.5|1', 'invalid-clicks'],
    ['page1|1|NaN|1', 'invalid-stay'],
    ['page1|1|-0.5|1', 'invalid-stay'],
    ['page1|1|Infinity|1', 'invalid-stay'],
    ['page1|1|1e999|1', 'invalid-stay'],
    ['page1|1|0x10|1', 'invalid-stay'],
    ['page1|1||1', 'invalid-stay'],
    ['page1|1|0.5|2', 'invalid-like'],
    ['page1|1|0.5|+1', 'invalid-like'],
    ['page1|1|0.5|', 'invalid-like'],
  ])('%j is malformed: %s', (text, reason) => {
    const parsed = parseMessage(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toBe(reason);
      expect(parsed.detail.length).toBeGreaterThan(0);
    }
  });

  it('treats null (a tombstone) as empty and never throws', () => {
    expect(parseMessage(null)).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseMessage(undefined)).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('agrees with the regex grammar on 30,000 generated and mutated messages', () => {
    for (const text of mutatedMessages(7, 30_000)) expect(parseMessage(text), JSON.stringify(text)).toEqual(specParse(text));
  });

  it('reads stay minutes exactly as Number() does, for 20,000 random decimals of 1 to 18 digits', () => {
    const random = createRandom(11);
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(random() * 18);
      let digits = Array.from({ length }, () => String(Math.floor(random() * 10))).join('');
      const dot = Math.floor(random() * (length + 2)); // past the end: no dot
      if (dot <= length) digits = `${digits.slice(0, dot)}.${digits.slice(dot)}`;
      if (random() < 0.1) digits += `e${random() < 0.5 ? '-' : ''}${Math.floor(random() * 30)}`;
      const parsed = parseMessage(`p|1|${digits}|0`);
      expect(parsed.ok && parsed.behaviour.stayMinutes, digits).toBe(Number(digits));
    }
  });

  it('accepts zero clicks, zero stay and exponents', () => {
    expect(parseMessage('p|0|0|0')).toMatchObject({ ok: true, behaviour: { clicks: 0, stayMinutes: 0, like: 0 } });
    expect(parseMessage('p|1|1e-7|0')).toMatchObject({ ok: true, behaviour: { stayMinutes: 1e-7 } });
    expect(parseMessage('p|1|.5|0')).toMatchObject({ ok: true, behaviour: { stayMinutes: 0.5 } });
  });
});

describe('contribution', () => {
  it('is 0.8x + 0.8y + z (seed hand check: 2.2)', () => {
    expect(contribution({ page: 'page001.html', clicks: 1, stayMinutes: 0.5, like: 1 })).toBeCloseTo(2.2, 12);
    expect(contribution({ page: 'p', clicks: 5, stayMinutes: 1.5119122, like: -1 })).toBeCloseTo(4 + 1.20952976 - 1, 12);
  });
});

describe('formatMessage', () => {
  it('round-trips through parseMessage', () => {
    const b = { page: 'page9', clicks: 3, stayMinutes: 4.0000001, like: 0 as const };
    expect(formatMessage(b)).toBe('page9|3|4.0000001|0');
    expect(parseMessage(formatMessage(b))).toEqual({ ok: true, behaviour: b });
  });
});

import { describe, expect, it } from 'vitest';
import { contribution, formatMessage, parseMessage } from '../../src/popularity/message.js';

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

import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generatePassword, redact, Secret } from '../../src/security/secret.js';

describe('Secret', () => {
  const s = new Secret('hunter2-very-secret');

  it('never prints its value: String, template, JSON, inspect, console formatting, error messages', () => {
    const shown = [String(s), `${s}`, JSON.stringify({ password: s }), inspect({ nested: { s } }), inspect(s), new Error(`bad ${s}`).message, [s].join(',')];
    for (const text of shown) expect(text).not.toContain('hunter2');
    expect(JSON.stringify({ password: s })).toBe('{"password":"***"}');
    expect(inspect(s)).toBe('Secret(***)');
  });

  it('hands its value out only through reveal()', () => {
    expect(s.reveal()).toBe('hunter2-very-secret');
    expect(Object.keys(s)).toEqual([]);
    expect(() => new Secret('')).toThrow(/empty/);
  });

  it('redacts the values of given secrets from a text', () => {
    expect(redact('login hunter2-very-secret failed for hunter2-very-secret', [s])).toBe('login *** failed for ***');
  });
});

describe('generatePassword', () => {
  it('gives 32 characters that no parser of Kafka, JAAS, properties or a shell reads as syntax', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword().reveal();
      expect(p).toMatch(/^[A-Za-z0-9_-]{32}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('uses the whole alphabet, evenly (a biased or truncated alphabet fails)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++) for (const c of generatePassword(64).reveal()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(64);
    // 25,600 draws over 64 symbols: 400 each on average; a sd of 20 makes 300..500 certain
    for (const n of counts.values()) expect(n).toBeGreaterThan(300);
    for (const n of counts.values()) expect(n).toBeLessThan(500);
  });

  it('refuses short passwords', () => {
    expect(() => generatePassword(8)).toThrow(/at least 16/);
  });
});

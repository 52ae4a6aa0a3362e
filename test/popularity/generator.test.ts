import { describe, expect, it } from 'vitest';
import { createBehaviourGenerator, createRandom } from '../../src/popularity/generator.js';
import { formatMessage, parseMessage } from '../../src/popularity/message.js';

describe('createRandom', () => {
  it('is reproducible per seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(Array.from({ length: 5 }, c)).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('createBehaviourGenerator', () => {
  it("follows the seed's distribution and produces valid messages", () => {
    const next = createBehaviourGenerator(7);
    const pages = new Set<string>();
    const likes = new Set<number>();
    for (let i = 0; i < 5_000; i++) {
      const b = next();
      const parsed = parseMessage(formatMessage(b));
      expect(parsed).toEqual({ ok: true, behaviour: b });
      expect(b.clicks).toBeGreaterThanOrEqual(1);
      expect(b.clicks).toBeLessThanOrEqual(5);
      expect(b.stayMinutes).toBeGreaterThanOrEqual(0);
      expect(b.stayMinutes).toBeLessThanOrEqual(5);
      pages.add(b.page);
      likes.add(b.like);
    }
    expect(pages.size).toBe(100);
    expect([...pages].every((p) => /^page([1-9]\d?|100)$/.test(p))).toBe(true);
    expect([...likes].sort()).toEqual([-1, 0, 1]);
  });

  it('replays the same sequence for the same seed', () => {
    const a = createBehaviourGenerator(99);
    const b = createBehaviourGenerator(99);
    for (let i = 0; i < 100; i++) expect(a()).toEqual(b());
  });
});

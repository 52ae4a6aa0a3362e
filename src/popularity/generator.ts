// The seed's user-behaviour generator (UserBehaviorMsgProducer): 100 pages, clicks 1..5,
// stay = nextInt(5) + nextFloat() minutes, like one of 1, 0, -1. Seeded, so a run can be replayed.
import type { Behaviour } from './message.js';

export const PAGE_COUNT = 100;
const MAX_CLICKS = 5;
const LIKES = [1, 0, -1] as const;

/** mulberry32: small, fast, good enough for test data; same seed => same sequence. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createBehaviourGenerator(seed: number, pages = PAGE_COUNT): () => Behaviour {
  const random = createRandom(seed);
  const nextInt = (bound: number) => Math.floor(random() * bound);
  return () => {
    const page = `page${nextInt(pages) + 1}`;
    const clicks = nextInt(MAX_CLICKS) + 1;
    // Seven decimals, like the seed's printed Float (1.5119122); the text is what is summed.
    const stayMinutes = Number((nextInt(MAX_CLICKS) + random()).toFixed(7));
    const like = LIKES[nextInt(LIKES.length)]!;
    return { page, clicks, stayMinutes, like };
  };
}

import { describe, expect, it } from 'vitest';
import { Latest } from '../../src/dashboard/latest.js';

describe('Latest', () => {
  it('waits for the first value only; then returns the latest while one read runs in the background; a failed read keeps the last value', async () => {
    let n = 0;
    let release: () => void = () => {};
    const errors: string[] = [];
    const latest = new Latest(async () => {
      n++;
      if (n === 3) throw new Error('broker down');
      if (n === 2) await new Promise<void>((r) => (release = r));
      return n;
    }, (e) => errors.push(e.message));
    expect(await latest.get()).toBe(1);
    expect(await latest.get()).toBe(1); // starts read 2, which waits
    expect(await latest.get()).toBe(1); // read 2 still running: no second read
    expect(n).toBe(2);
    release();
    await latest.settled();
    expect(await latest.get()).toBe(2); // starts read 3, which fails
    await latest.settled();
    expect(await latest.get()).toBe(2);
    expect(errors).toEqual(['broker down']);
  });
});

import { describe, expect, it } from 'vitest';
import { settledWithin, withDeadline } from '../../src/core/deadline.js';

const never = new Promise<never>(() => {});

describe('withDeadline', () => {
  it('passes the result or the error of work that answers in time', async () => {
    expect(await withDeadline(Promise.resolve(7), 1000, 'x')).toBe(7);
    await expect(withDeadline(Promise.reject(new Error('refused')), 1000, 'x')).rejects.toThrow('refused');
  });

  it('says what did not answer once the time is up', async () => {
    await expect(withDeadline(never, 20, 'node03/kafka metrics')).rejects.toThrow('node03/kafka metrics: no answer within 20 ms');
  });
});

describe('settledWithin', () => {
  it('true once the work settled either way, false when it did not in time; nothing to wait for is settled', async () => {
    expect(await settledWithin(Promise.resolve(), 1000)).toBe(true);
    expect(await settledWithin(Promise.reject(new Error('x')), 1000)).toBe(true);
    expect(await settledWithin(never, 20)).toBe(false);
    expect(await settledWithin(null, 20)).toBe(true);
  });
});

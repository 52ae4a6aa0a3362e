import { describe, expect, it } from 'vitest';
import { createBehaviourGenerator } from '../../src/popularity/generator.js';
import { formatMessage } from '../../src/popularity/message.js';
import { diffPopularity } from '../../src/popularity/oracle.js';
import { OracleTally } from '../../bench/support/tally.js';
import { seedPopularity } from '../support/seed-oracle.js';

describe('OracleTally', () => {
  it('fed batch by batch, equals the seed oracle over the same values in the same order', () => {
    const next = createBehaviourGenerator(7);
    const values: (string | null)[] = Array.from({ length: 5000 }, () => formatMessage(next()));
    values.splice(10, 0, 'page1|x|1|1', null);
    const tally = new OracleTally();
    for (let i = 0; i < values.length; i += 333) tally.add(values.slice(i, i + 333).map((value, j) => ({ value, partition: (i + j) % 3 })));
    // independent of the job's parser and formula (test/support/seed-oracle.ts)
    const expected = seedPopularity(values);
    expect(expected).toMatchObject({ valid: 5000, malformed: 2 });
    expect(diffPopularity(expected.final, tally.oracle.final, 0)).toEqual([]);
    expect(tally.oracle).toMatchObject({ valid: expected.valid, malformed: expected.malformed });
    expect(tally.acked).toBe(5002);
    expect([...tally.partitions().values()].reduce((a, b) => a + b, 0)).toBe(5002);
  });
});

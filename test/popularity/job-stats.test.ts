import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { batchStatsFixture } from '../support/batch-stats.js';
import { batchStatsMessage, instanceId, parseBatchStats, partitionCounts, statsTopicOf, type BatchStats } from '../../src/popularity/job-stats.js';

const stats: BatchStats = batchStatsFixture({ records: 120, batch_ms: 14.2, partitions: [{ partition: 0, next_offset: 40, consumed: 40, malformed: 2 }] });

describe('job stats', () => {
  it('names the topic after the input, keys each record by the instance, and reads it back', () => {
    expect(statsTopicOf('clicks')).toBe('clicks-popularity-stats');
    const m = batchStatsMessage(stats);
    expect(m.key).toBe('h/1');
    expect(parseBatchStats(m.value)).toEqual(stats);
  });

  it('takes the counts, not the pages, of each partition snapshot', () => {
    expect(partitionCounts([{ partition: 3, nextOffset: 9, consumed: 8, malformed: 1, pages: { a: 1 } }])).toEqual([{ partition: 3, next_offset: 9, consumed: 8, malformed: 1 }]);
  });

  it.each([
    ['not JSON', '{'],
    ['null', 'null'],
    ['no instance', JSON.stringify({ ...stats, instance: undefined })],
    ['a bad time', JSON.stringify({ ...stats, at: 'yesterday' })],
    ['a zero interval', JSON.stringify({ ...stats, interval_ms: 0 })],
    ['a negative batch time', JSON.stringify({ ...stats, batch_ms: -1 })],
    ['a fractional count', JSON.stringify({ ...stats, partitions: [{ partition: 0, next_offset: 1, consumed: 1.5, malformed: 0 }] })],
    ['no published flag', JSON.stringify({ ...stats, published: undefined })],
    ['covering no batch', JSON.stringify({ ...stats, covers: 0 })],
    ['a bad start time', JSON.stringify({ ...stats, started_at: 3 })],
  ])('refuses a record with %s', (_, value) => {
    expect(parseBatchStats(value)).toBeNull();
  });

  it('names each job of a process apart', () => {
    const a = instanceId(42);
    const b = instanceId(42);
    expect(a).toMatch(new RegExp(`^${hostname()}/42(#\\d+)?$`));
    expect(b).not.toBe(a);
  });

  it('refuses a tombstone', () => {
    expect(parseBatchStats(null)).toBeNull();
  });
});

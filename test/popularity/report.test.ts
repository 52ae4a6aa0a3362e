import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/popularity/report.js';

describe('buildReport', () => {
  it('sums partitions, sorts pages and ranks the top ten', () => {
    const r = buildReport({
      topic: 't', group: 'g', outputTopic: 't-popularity', deadLetterTopic: 't-dlq', statsTopic: 't-popularity-stats',
      startedAt: new Date('2024-01-01T00:00:00Z'), now: new Date('2024-01-01T00:00:02Z'),
      partitions: [
        { partition: 1, nextOffset: 7, consumed: 7, malformed: 2, pages: { b: 1 } },
        { partition: 0, nextOffset: 3, consumed: 3, malformed: 0, pages: { a: 5 } },
      ],
      popularity: new Map([['b', 1], ['a', 5]]),
      batchMs: [10, 30, 20],
      counters: { recordsRead: 12, skipped: 2, gaps: 0, deadLettered: 2, published: 2, checkpoints: 1, intervals: 4 },
    });
    expect(r).toMatchObject({
      consumed: 10, malformed: 2, final: { a: 5, b: 1 }, top10: [['a', 5], ['b', 1]], batches: 3, intervals: 4,
      batch_ms_p50: 20, batch_ms_p99: 30, records_read: 12, skipped_replays: 2, duration_ms: 2000,
      partitions: [{ partition: 0, next_offset: 3, consumed: 3, malformed: 0 }, { partition: 1, next_offset: 7, consumed: 7, malformed: 2 }],
    });
    expect(Object.keys(r.final)).toEqual(['a', 'b']);
    expect(r).not.toHaveProperty('error');
  });
});

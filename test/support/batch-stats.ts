// One job stats record (src/popularity/job-stats.ts) for tests: a well-formed default, overridden.
import type { BatchStats } from '../../src/popularity/job-stats.js';

export function batchStatsFixture(o: Partial<BatchStats> = {}): BatchStats {
  return {
    instance: 'h/1', started_at: '2026-12-03T00:00:00.000Z', at: '2026-12-03T00:00:05.000Z', interval_ms: 1000, interval: 5, covers: 1,
    records: 10, batch_ms: 20, published: true, partitions: [], ...o,
  };
}

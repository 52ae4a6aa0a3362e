import { describe, expect, it } from 'vitest';
import { jobBatches } from '../../src/dashboard/job-batches.js';
import type { JobStatsState } from '../../src/dashboard/job-stats-follower.js';
import type { BatchStats } from '../../src/popularity/job-stats.js';
import { batchStatsFixture } from '../support/batch-stats.js';

const T0 = Date.UTC(2026, 11, 3);
const report = (instance: string, atMs: number, o: Partial<BatchStats> = {}): BatchStats => batchStatsFixture({ instance, at: new Date(atMs).toISOString(), ...o });
const batch = (atMs: number, batch_ms: number, records: number, instance = 'new/2', covers = 1) => ({ t: atMs, instance, batch_ms, interval_ms: 1000, covers, records });
const state = (o: Partial<JobStatsState>): JobStatsState => ({ instances: [], partitions: [], batches: [], unreadable: 0, ...o });

describe('jobBatches', () => {
  it('a running job: its instances newest first, counts over every partition, records per second over the last 10 s', () => {
    const now = T0 + 60_000;
    const v = jobBatches(state({
      instances: [report('old/1', now - 40_000, { partitions: [{ partition: 0, next_offset: 5, consumed: 5, malformed: 0 }] }), report('new/2', now - 500)],
      partitions: [
        { partition: 0, next_offset: 50, consumed: 50, malformed: 1, at: now - 500 },
        { partition: 1, next_offset: 70, consumed: 70, malformed: 2, at: now - 500 },
      ],
      batches: [batch(now - 11_000, 30, 999), batch(now - 9000, 40, 300), batch(now - 1000, 25, 200)],
    }), now);
    expect(v.instances.map((i) => [i.instance, i.running])).toEqual([['new/2', true], ['old/1', false]]);
    expect(v).toMatchObject({ running: 1, consumed: 120, malformed: 3, processed_per_s: 50, batch_ms_max: 40, interval_ms: 1000, health: 'ok', detail: null });
  });

  it('falling behind: an instance\'s batches took as long as their intervals over the last 30 s; one slow batch is not', () => {
    const now = T0 + 60_000;
    const instances = [report('a/1', now - 100), report('b/2', now - 100)];
    const spike = jobBatches(state({ instances, batches: [batch(now - 3000, 2500, 10, 'a/1'), batch(now - 2000, 20, 10, 'a/1'), batch(now - 1000, 20, 10, 'a/1')] }), now);
    expect([spike.health, spike.batch_ms_max, spike.instances.find((i) => i.instance === 'a/1')!.busy]).toEqual(['ok', 2500, 2540 / 3000]);
    const behind = jobBatches(state({ instances, batches: [batch(now - 31_000, 10, 1, 'b/2'), ...[1, 2, 3].map((s) => batch(now - s * 1000, 1100, 10, 'b/2')), batch(now - 500, 10, 1, 'a/1')] }), now);
    expect([behind.health, behind.detail]).toEqual(['warn', 'falling behind: b/2 was busy 110% of the last 30 s']);
  });

  it('a record covering several micro-batches (sends were in flight) counts all their intervals and records', () => {
    const now = T0 + 60_000;
    const v = jobBatches(state({ instances: [report('a/1', now - 100)], batches: [batch(now - 1000, 900, 300, 'a/1', 3)] }), now);
    expect(v).toMatchObject({ processed_per_s: 30, batch_ms_max: 300, health: 'ok' });
    expect(v.instances[0]!.busy).toBe(0.3);
  });

  it('a failed publish is a warning until a batch publishes again', () => {
    const now = T0 + 60_000;
    const v = jobBatches(state({ instances: [report('a/1', now - 100, { published: false })] }), now);
    expect([v.health, v.detail]).toEqual(['warn', 'publishing failed at the last batch of a/1 (retried)']);
  });

  it('stopped: no report within five intervals (10 s at least); never reported; stats unreadable', () => {
    const now = T0 + 60_000;
    const stopped = jobBatches(state({ instances: [report('a/1', now - 10_001)], batches: [batch(now - 10_001, 20, 5)] }), now);
    expect(stopped).toMatchObject({ running: 0, processed_per_s: null, health: 'down', detail: 'not running: the last report came 10 s ago' });
    expect(jobBatches(state({ instances: [report('a/1', now - 9000)] }), now).health).toBe('ok');
    expect(jobBatches(state({}), now)).toMatchObject({ consumed: null, malformed: null, health: 'down', detail: 'no instance has reported yet' });
    expect(jobBatches(state({ unreadable: 2 }), now).detail).toBe('no readable report (2 unreadable)');
    expect(jobBatches(state({}), now, 'This server does not host this topic-partition').detail).toBe('cannot read its stats: This server does not host this topic-partition');
  });
});

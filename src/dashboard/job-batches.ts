// The job's own figures as the page shows them, decided here (pure, tested) from its stats topic:
// which instances run, how long their batches take against the interval, records processed per
// second, and the malformed count over every input partition.
import type { Health } from './model.js';
import type { BatchPoint, JobStatsState } from './job-stats-follower.js';

export interface InstanceView {
  instance: string;
  started_at: string;
  last_at: string;
  /** reported recently enough to be taken as running (see runningWithin) */
  running: boolean;
  partitions: number[];
  interval_ms: number;
  /** the latest batch */
  batch_ms: number;
  records: number;
  published: boolean;
  /** its batches' processing time over their intervals, over the last BUSY_OVER_MS; 1 = no time to spare */
  busy: number | null;
}

export interface JobBatchesView {
  instances: InstanceView[];
  running: number;
  /** over every input partition, from the latest report that owned it */
  consumed: number | null;
  malformed: number | null;
  /** records the job counted per second, over the last PROCESSED_OVER_MS */
  processed_per_s: number | null;
  /** the slowest batch of the last SLOWEST_OVER_MS, and its interval */
  batch_ms_max: number | null;
  interval_ms: number | null;
  health: Health;
  detail: string | null;
}

/**
 * A stats send can wait out the producer's timeout while a leader moves (the job skips the
 * intervals meanwhile): an instance is running while it reported within five intervals, and at
 * least 10 s.
 */
export const runningWithin = (intervalMs: number) => Math.max(5 * intervalMs, 10_000);
export const PROCESSED_OVER_MS = 10_000;
export const BUSY_OVER_MS = 30_000;
export const SLOWEST_OVER_MS = 60_000;

/** `readError`: why the stats topic cannot be read now, if it cannot. */
export function jobBatches(state: JobStatsState, now: number, readError: string | null = null): JobBatchesView {
  const recent = (ms: number, instance?: string) => state.batches.filter((b) => b.t > now - ms && b.t <= now && (instance === undefined || b.instance === instance));
  const instances = state.instances
    .map((s): InstanceView => ({
      instance: s.instance,
      started_at: s.started_at,
      last_at: s.at,
      running: now - Date.parse(s.at) <= runningWithin(s.interval_ms),
      partitions: s.partitions.map((p) => p.partition),
      interval_ms: s.interval_ms,
      batch_ms: s.batch_ms,
      records: s.records,
      published: s.published,
      busy: busy(recent(BUSY_OVER_MS, s.instance)),
    }))
    .sort((a, b) => Date.parse(b.last_at) - Date.parse(a.last_at));
  const running = instances.filter((i) => i.running);
  const sum = (key: 'consumed' | 'malformed') => (state.partitions.length > 0 ? state.partitions.reduce((n, p) => n + p[key], 0) : null);
  // a record covering several micro-batches counts as their average
  const slowest = recent(SLOWEST_OVER_MS).reduce<BatchPoint | null>((max, b) => (max === null || b.batch_ms / b.covers > max.batch_ms / max.covers ? b : max), null);
  const view = {
    instances,
    running: running.length,
    consumed: sum('consumed'),
    malformed: sum('malformed'),
    processed_per_s: running.length > 0 ? (recent(PROCESSED_OVER_MS).reduce((n, b) => n + b.records, 0) * 1000) / PROCESSED_OVER_MS : null,
    batch_ms_max: slowest ? slowest.batch_ms / slowest.covers : null,
    interval_ms: slowest?.interval_ms ?? running[0]?.interval_ms ?? null,
  };
  return { ...view, ...jobHealth(state, view, now, readError) };
}

function busy(batches: readonly BatchPoint[]): number | null {
  const intervals = batches.reduce((n, b) => n + b.interval_ms * b.covers, 0);
  return intervals > 0 ? batches.reduce((n, b) => n + b.batch_ms, 0) / intervals : null;
}

/**
 * Down: no instance runs. Warn: one falls behind (its batches took as long as their intervals
 * over the last 30 s; one slow batch, a rebalance or a first checkpoint, is not falling behind),
 * or its last publish failed.
 */
function jobHealth(state: JobStatsState, v: Omit<JobBatchesView, 'health' | 'detail'>, now: number, readError: string | null): { health: Health; detail: string | null } {
  const last = v.instances[0];
  if (!last) {
    const why = readError !== null ? `cannot read its stats: ${readError}` : state.unreadable > 0 ? `no readable report (${state.unreadable} unreadable)` : 'no instance has reported yet';
    return { health: 'down', detail: why };
  }
  if (v.running === 0) return { health: 'down', detail: `not running: the last report came ${Math.round((now - Date.parse(last.last_at)) / 1000)} s ago` };
  const behind = v.instances.filter((i) => i.running && i.busy !== null && i.busy >= 1);
  if (behind.length > 0)
    return { health: 'warn', detail: `falling behind: ${behind.map((i) => `${i.instance} was busy ${Math.round(i.busy! * 100)}% of the last ${BUSY_OVER_MS / 1000} s`).join(', ')}` };
  const failing = v.instances.filter((i) => i.running && !i.published);
  if (failing.length > 0) return { health: 'warn', detail: `publishing failed at the last batch of ${failing.map((i) => i.instance).join(', ')} (retried)` };
  return { health: 'ok', detail: null };
}

// What the job says about itself: one JSON record per interval on <topic>-popularity-stats, keyed
// by the instance, the way Spark's console shows each micro-batch. The dashboard reads it for the
// batch processing time against the interval, the records per second and the malformed count;
// it is also the job's heartbeat (a record every interval, with or without input). One partition,
// kept an hour: a page opened later still draws the last minutes.
import { hostname } from 'node:os';
import { z } from 'zod';
import type { OutgoingMessage } from '../kafka/index.js';
import type { PartitionSnapshot } from './state.js';

export const statsTopicOf = (topic: string) => `${topic}-popularity-stats`;
export const STATS_RETENTION_MS = 3_600_000;
export const statsTopicConfigs = { 'cleanup.policy': 'delete', 'retention.ms': String(STATS_RETENTION_MS) };

export interface BatchStats {
  /** the job instance: host/pid (see instanceId) */
  instance: string;
  started_at: string;
  /** when the micro-batch closed */
  at: string;
  interval_ms: number;
  /** this instance's micro-batches so far, this one included */
  interval: number;
  /**
   * the micro-batches this record covers: 1, or more when the ones before it could not be sent
   * (a send still in flight); records and batch_ms are their sums
   */
  covers: number;
  /** new records these micro-batches counted */
  records: number;
  /** time spent on them: folding as they arrived, then publishing (and checkpointing) at the close */
  batch_ms: number;
  /** false when publishing failed and is retried at the next interval */
  published: boolean;
  /** the input partitions this instance owns, with the counts of its state (checkpointed with it) */
  partitions: Array<{ partition: number; next_offset: number; consumed: number; malformed: number }>;
}

let instances = 0;

/** host/pid; a second job in the same process (tests, embedding) is host/pid#2, and so on. */
export function instanceId(pid = process.pid): string {
  instances++;
  return `${hostname()}/${pid}${instances > 1 ? `#${instances}` : ''}`;
}

/** One interval's figures, as the job has them when its micro-batch closes (covers 1). */
export function batchStats(o: {
  instance: string;
  startedAt: Date;
  intervalMs: number;
  interval: number;
  records: number;
  batchMs: number;
  published: boolean;
  owned: readonly PartitionSnapshot[];
}): BatchStats {
  return {
    instance: o.instance,
    started_at: o.startedAt.toISOString(),
    at: new Date().toISOString(),
    interval_ms: o.intervalMs,
    interval: o.interval,
    covers: 1,
    records: o.records,
    batch_ms: Math.round(o.batchMs * 10) / 10,
    published: o.published,
    partitions: partitionCounts(o.owned),
  };
}

export function batchStatsMessage(s: BatchStats): OutgoingMessage {
  return { key: s.instance, value: JSON.stringify(s) };
}

export function partitionCounts(snapshots: readonly PartitionSnapshot[]): BatchStats['partitions'] {
  return snapshots.map((s) => ({ partition: s.partition, next_offset: s.nextOffset, consumed: s.consumed, malformed: s.malformed }));
}

const count = z.number().int().nonnegative();
const time = z.string().refine((t) => Number.isFinite(Date.parse(t)));
const batchStatsSchema = z.object({
  instance: z.string(),
  started_at: time,
  at: time,
  interval_ms: count.positive(),
  interval: count,
  covers: count.positive(),
  records: count,
  batch_ms: z.number().nonnegative(),
  published: z.boolean(),
  partitions: z.array(z.object({ partition: count, next_offset: count, consumed: count, malformed: count })),
});

/** A stats record as another engine or an older job may have written it: null unless well formed. */
export function parseBatchStats(value: string | null): BatchStats | null {
  if (value === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = batchStatsSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

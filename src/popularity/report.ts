// The job's final report (`--json`, `--report FILE`).
import { topN } from './oracle.js';
import type { PartitionSnapshot } from './state.js';
import { percentile } from './stats.js';

export interface JobReport {
  topic: string;
  group: string;
  output_topic: string;
  dlq_topic: string;
  /** the job's per-interval figures (see job-stats.ts) */
  stats_topic: string;
  /** Records counted into the state exactly once (valid + malformed), over this instance's partitions. */
  consumed: number;
  malformed: number;
  final: Record<string, number>;
  top10: [string, number][];
  /** Micro-batches that processed at least one new record. */
  batches: number;
  intervals: number;
  batch_ms_p50: number | null;
  batch_ms_p99: number | null;
  batch_ms_max: number | null;
  /** Records fetched, including replays skipped because the state already held them. */
  records_read: number;
  skipped_replays: number;
  gaps: number;
  dead_lettered: number;
  published: number;
  checkpoints: number;
  partitions: { partition: number; next_offset: number; consumed: number; malformed: number }[];
  started_at: string;
  duration_ms: number;
  error?: string;
}

export interface ReportInput {
  topic: string;
  group: string;
  outputTopic: string;
  deadLetterTopic: string;
  statsTopic: string;
  startedAt: Date;
  partitions: PartitionSnapshot[];
  popularity: Map<string, number>;
  batchMs: number[];
  counters: { recordsRead: number; skipped: number; gaps: number; deadLettered: number; published: number; checkpoints: number; intervals: number };
  error?: string;
  now?: Date;
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export function buildReport(i: ReportInput): JobReport {
  const partitions = [...i.partitions].sort((a, b) => a.partition - b.partition);
  const final = Object.fromEntries([...i.popularity].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    topic: i.topic,
    group: i.group,
    output_topic: i.outputTopic,
    dlq_topic: i.deadLetterTopic,
    stats_topic: i.statsTopic,
    consumed: partitions.reduce((n, p) => n + p.consumed, 0),
    malformed: partitions.reduce((n, p) => n + p.malformed, 0),
    final,
    top10: topN(i.popularity),
    batches: i.batchMs.length,
    intervals: i.counters.intervals,
    batch_ms_p50: round(percentile(i.batchMs, 50)),
    batch_ms_p99: round(percentile(i.batchMs, 99)),
    batch_ms_max: round(percentile(i.batchMs, 100)),
    records_read: i.counters.recordsRead,
    skipped_replays: i.counters.skipped,
    gaps: i.counters.gaps,
    dead_lettered: i.counters.deadLettered,
    published: i.counters.published,
    checkpoints: i.counters.checkpoints,
    partitions: partitions.map((p) => ({ partition: p.partition, next_offset: p.nextOffset, consumed: p.consumed, malformed: p.malformed })),
    started_at: i.startedAt.toISOString(),
    duration_ms: (i.now ?? new Date()).getTime() - i.startedAt.getTime(),
    ...(i.error ? { error: i.error } : {}),
  };
}

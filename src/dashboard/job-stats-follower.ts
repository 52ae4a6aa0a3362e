// The job's stats topic, followed live (see popularity/job-stats.ts): each instance's latest
// report, each input partition's counts as its latest owner reported them, and every batch of the
// last minutes for the chart.
import type { ConsumedRecord, KafkaClientPort } from '../kafka/index.js';
import { parseBatchStats, type BatchStats } from '../popularity/job-stats.js';
import { History } from './model.js';
import { TopicFollower } from './topic-follower.js';

export type PartitionCounts = BatchStats['partitions'][number] & { at: number };

/** One stats record of one instance, at the time it was taken: `covers` micro-batches. */
export interface BatchPoint {
  t: number;
  instance: string;
  /** the sum over the micro-batches covered */
  batch_ms: number;
  interval_ms: number;
  covers: number;
  records: number;
}

export interface JobStatsState {
  /** each instance's latest report */
  instances: BatchStats[];
  /** each input partition's counts, from the newest report that owned it */
  partitions: PartitionCounts[];
  /** every batch of the window, oldest first */
  batches: BatchPoint[];
  /** records that were not stats (another writer, a newer format) */
  unreadable: number;
}

export class JobStatsFollower extends TopicFollower {
  private readonly instances = new Map<string, BatchStats>();
  private readonly partitions = new Map<number, PartitionCounts>();
  private readonly batches: History<BatchPoint>;
  private unreadable = 0;

  constructor(client: KafkaClientPort, topic: string, windowMs = 10 * 60_000, groupId?: string) {
    super(client, topic, groupId);
    this.batches = new History<BatchPoint>(windowMs);
  }

  accept(r: ConsumedRecord): void {
    const s = parseBatchStats(r.value);
    if (!s) {
      this.unreadable++;
      return;
    }
    const at = Date.parse(s.at);
    this.instances.set(s.instance, s);
    for (const p of s.partitions) {
      const known = this.partitions.get(p.partition);
      if (!known || known.at <= at) this.partitions.set(p.partition, { ...p, at });
    }
    this.batches.push({ t: at, instance: s.instance, batch_ms: s.batch_ms, interval_ms: s.interval_ms, covers: s.covers, records: s.records });
  }

  state(): JobStatsState {
    return {
      instances: [...this.instances.values()],
      partitions: [...this.partitions.values()].sort((a, b) => a.partition - b.partition),
      // in topic order each instance's are in time order, but instances interleave by send time
      batches: this.batches.all().sort((a, b) => a.t - b.t),
      unreadable: this.unreadable,
    };
  }
}

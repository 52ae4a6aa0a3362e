// "The job has caught up": every partition's checkpoint (state and offset saved together, on
// this machine) has reached the partition's high watermark. Checkpoints rather than the
// group's committed offsets, because the job commits only for lag display and may skip a
// commit while a coordinator is down; the checkpoint is what it resumes from.
import type { KafkaAdminPort, PartitionOffsets } from '../kafka/index.js';
import { CheckpointStore } from '../popularity/checkpoint.js';
import { poll } from '../core/poll.js';

export interface Lag {
  partition: number;
  high: number;
  checkpointed: number | null;
}

/** Partitions whose checkpoint is behind the high watermark (pure). */
export function behind(offsets: PartitionOffsets[], checkpointed: Map<number, number>): Lag[] {
  return offsets
    .map((o) => ({ partition: o.partition, high: o.high, checkpointed: checkpointed.get(o.partition) ?? null }))
    .filter((l) => (l.checkpointed ?? -1) < l.high && !(l.checkpointed === null && l.high === 0));
}

export async function readLag(admin: KafkaAdminPort, store: CheckpointStore, topic: string): Promise<Lag[]> {
  const offsets = await admin.topicOffsets(topic);
  const checkpointed = new Map<number, number>();
  for (const o of offsets) {
    const c = await store.load(o.partition);
    if (c) checkpointed.set(o.partition, c.nextOffset);
  }
  return behind(offsets, checkpointed);
}

export function formatLag(lag: Lag[]): string {
  return lag.length === 0 ? 'caught up' : lag.map((l) => `partition ${l.partition}: checkpoint ${l.checkpointed ?? 'none'} of ${l.high}`).join(', ');
}

/** Resolves when the job's checkpoints reach the high watermarks; throws PollTimeoutError at the deadline. */
export function waitCaughtUp(admin: KafkaAdminPort, store: CheckpointStore, topic: string, deadlineMs: number): Promise<Lag[]> {
  return poll(() => readLag(admin, store, topic), {
    deadlineMs,
    intervalMs: 500,
    maxIntervalMs: 2000,
    describe: `the job's checkpoints of ${topic} to reach the high watermarks`,
    until: (lag) => lag.length === 0,
    show: formatLag,
  });
}

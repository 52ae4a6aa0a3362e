// How far a Structured Streaming query has got, from its checkpoint folder: the offsets of its
// last COMMITTED batch (offsets/<n> is written when batch n is planned, commits/<n> once its
// output is written; a batch planned but not committed is replayed after a crash). A command
// plus a parser, read over SSH on a host that sees the (shared) checkpoint folder.
import { sh } from '../core/shell.js';

/** Prints the last committed batch id, then that batch's offsets file; `-` when nothing is committed. */
export const committedOffsetsCommand = (queryDir: string): string =>
  sh`n=$(ls -1 -- ${`${queryDir}/commits`} 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -n 1 || true); if [ -z "$n" ]; then echo -; else echo "$n"; cat -- ${`${queryDir}/offsets`}/"$n"; fi`;

export interface CommittedOffsets {
  batch: number;
  /** partition -> the next offset to read (the end offset of the committed batch) */
  next: Map<number, number>;
}

/** The committed end offsets of `topic`'s partitions, or null when no batch is committed yet. */
export function parseCommittedOffsets(stdout: string, topic: string): CommittedOffsets | null {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines[0] === '-') return null;
  const batch = Number(lines[0]);
  if (!Number.isInteger(batch) || lines[1] !== 'v1') throw new Error(`Spark checkpoint: unreadable offsets file: ${stdout.slice(0, 200)}`);
  // v1, the batch metadata, then one line per source: {"topic":{"partition":offset,...}}
  for (const line of lines.slice(3)) {
    const source = JSON.parse(line) as Record<string, Record<string, number>>;
    const offsets = source[topic];
    if (offsets) return { batch, next: new Map(Object.entries(offsets).map(([p, o]) => [Number(p), o])) };
  }
  throw new Error(`Spark checkpoint: batch ${batch} has no offsets of ${topic}`);
}

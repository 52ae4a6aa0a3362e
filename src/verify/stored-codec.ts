// What the brokers actually stored, not what the client asked for: Kafka's own DumpLogSegments
// reads the test topic's log segments on a broker host and prints every record batch with its
// offsets and codec. A gzip send must be stored as gzip batches (the brokers keep the producer's
// codec: compression.type=producer) and a plain send as uncompressed ones; a client that only
// claimed to compress, or a broker that recompressed, fails here.
import { posix } from 'node:path';
import type { AckedMessage, Compression } from '../kafka/types.js';
import { sh } from '../core/shell.js';
import { CheckFailed } from './check.js';

export interface StoredBatch {
  partition: number;
  baseOffset: number;
  lastOffset: number;
  /** as DumpLogSegments prints it: none, gzip, snappy, lz4, zstd */
  codec: string;
}

/** Every segment of the given partitions, dumped by one JVM (batch headers only). */
export function dumpLogCommand(o: { kafkaHome: string; dataDir: string; topic: string; partitions: number[]; mainClass: string }): string {
  const dirs = o.partitions.map((p) => posix.join(o.dataDir, `${o.topic}-${p}`));
  return [
    sh`files=$(find ${dirs} -maxdepth 1 -name '*.log' | sort | paste -sd, -)`,
    `if [ -z "$files" ]; then echo "no log segments under ${o.dataDir} for ${o.topic}" >&2; exit 1; fi`,
    sh`KAFKA_HEAP_OPTS=-Xmx128m ${posix.join(o.kafkaHome, 'bin', 'kafka-run-class.sh')} ${o.mainClass} --files "$files"`,
  ].join('\n');
}

/** Batch lines of a dump; the partition comes from the "Dumping <dir>/<topic>-<p>/<base>.log" header. */
export function parseDumpLog(stdout: string, topic: string): StoredBatch[] {
  const batches: StoredBatch[] = [];
  const header = new RegExp(`^Dumping .*/${topic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)/\\d+\\.log$`);
  let partition: number | null = null;
  for (const line of stdout.split('\n')) {
    const h = header.exec(line.trim());
    if (h) {
      partition = Number(h[1]);
      continue;
    }
    const b = /^baseOffset: (\d+) lastOffset: (\d+) .*\bcompresscodec: (\S+)/.exec(line);
    if (b && partition !== null) batches.push({ partition, baseOffset: Number(b[1]), lastOffset: Number(b[2]), codec: b[3]!.toLowerCase() });
  }
  return batches;
}

/** How the acked messages of one send were stored, or a CheckFailed naming what differs. */
export function storedCodecDetail(acks: AckedMessage[], wanted: Compression, batches: StoredBatch[]): string {
  if (acks.length === 0) throw new CheckFailed('nothing was acknowledged, so nothing can be looked up on disk');
  const problems: string[] = [];
  const seen = new Map<string, StoredBatch>();
  for (const a of acks) {
    const batch = batches.find((b) => b.partition === a.partition && b.baseOffset <= a.offset && a.offset <= b.lastOffset);
    if (!batch) problems.push(`${a.partition}:${a.offset} is in no dumped batch`);
    else if (batch.codec !== wanted) problems.push(`${a.partition}:${a.offset} stored ${batch.codec}, sent ${wanted}`);
    else seen.set(`${batch.partition}:${batch.baseOffset}`, batch);
  }
  if (problems.length > 0) throw new CheckFailed(problems.join('; '));
  const where = [...seen.values()].map((b) => `${b.partition}:${b.baseOffset}-${b.lastOffset}`).join(', ');
  return `${acks.length} messages in ${seen.size} ${wanted} batch${seen.size === 1 ? '' : 'es'} on disk (${where})`;
}

// What the brokers hold after the run, judged: the input topic read back to its high
// watermarks (with the log range of each partition) through the exactness rule of ./check.ts,
// and the compacted output topic compared with the job's final state.
import { readTopic, type KafkaAdminPort, type KafkaClientPort } from '../kafka/index.js';
import type { LedgerEntry } from '../popularity/ledger.js';
import { diffPopularity, type PageDifference } from '../popularity/oracle.js';
import { outputTopicOf, readPopularity } from '../popularity/output.js';
import type { JobOutcome } from './engine.js';
import { checkAcceptance, type CheckResult } from './check.js';

export const READ_BACK_TIMEOUT_MS = 120_000;

export interface ReadBack {
  check: CheckResult;
  /** null when the job left no report or the output topic could not be read */
  outputDiff: PageDifference[] | null;
  failures: string[];
}

export async function readBackAndCheck(
  client: KafkaClientPort,
  admin: KafkaAdminPort,
  run: { topic: string; ledger: LedgerEntry[]; inDoubt: { id: string; value: string | null }[]; job: JobOutcome | null },
): Promise<ReadBack> {
  const failures: string[] = [];
  const partitions = await admin.topicOffsets(run.topic);
  const read = await readTopic(client, run.topic, { timeoutMs: READ_BACK_TIMEOUT_MS });
  const check = checkAcceptance({
    ledger: run.ledger,
    inDoubt: run.inDoubt,
    records: read.records.map((r) => ({ partition: r.partition, offset: r.offset, id: r.headers.id ?? null, value: r.value })),
    partitions,
    readComplete: read.complete,
    job: run.job ?? { consumed: 0, final: {}, partitions: [] },
  });
  let outputDiff: PageDifference[] | null = null;
  const job = run.job;
  if (job) {
    const output = outputTopicOf(run.topic);
    outputDiff = await readPopularity(client, output, 60_000).then(
      (published) => diffPopularity(job.final, published),
      (err: Error) => (failures.push(`reading ${output}: ${err.message}`), null),
    );
  }
  return { check, outputDiff, failures };
}

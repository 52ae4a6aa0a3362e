// The popularity job timed through the whole backlog of a topic, in-process (as the plain
// consumer is, so the two figures differ only by what the job does): fresh group and checkpoint
// folder, from the earliest offset, timed from run() until every record is folded into its
// state; then stopped cleanly (final publish + checkpoint) for its report.
import { randomUUID } from 'node:crypto';
import type { KafkaClientPort, PartitionOffsets } from '../../src/kafka/index.js';
import { PopularityJob } from '../../src/popularity/job.js';
import type { JobReport } from '../../src/popularity/report.js';
import type { Log } from './main.js';
import { timingOf, type ConsumeTiming } from './plain-consumer.js';
import { ConsumeProgress, observeConsumers } from './progress.js';

export interface JobTiming extends ConsumeTiming {
  /** run() to the final report: includes the last publish, checkpoint and leaving the group */
  untilReportMs: number;
  report: JobReport;
}

export async function timeJob(
  client: KafkaClientPort,
  o: { topic: string; ends: PartitionOffsets[]; checkpointDir: string; timeoutMs: number; intervalMs?: number; log: Log },
): Promise<JobTiming> {
  const progress = new ConsumeProgress(o.ends);
  const job = new PopularityJob(observeConsumers(client, progress), {
    topic: o.topic,
    group: `bench-job-${randomUUID()}`,
    checkpointDir: o.checkpointDir,
    intervalMs: o.intervalMs ?? 1000,
    from: 'earliest',
    log: (line) => o.log(`job: ${line}`),
  });
  const startedAt = performance.now();
  const running = job.run();
  try {
    await Promise.race([
      progress.whenDone(o.timeoutMs),
      running.then(() => {
        throw new Error(`the job stopped after ${progress.processed()} of ${progress.total()} records`);
      }),
    ]);
  } catch (err) {
    job.stop();
    await running.catch(() => {});
    throw err;
  }
  job.stop();
  const report = await running;
  return { ...timingOf(progress, startedAt), untilReportMs: Math.round(performance.now() - startedAt), report };
}

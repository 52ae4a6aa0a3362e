// npm run popularity -- --engine spark: submit the seed's job to the Spark cluster and follow it
// (Ctrl-C stops it), or only submit (--detach), or only stop (--stop). The report names where the
// driver runs, its log, its checkpoint and the master's web console.
import type { Ctx } from './context.js';
import { followSparkJob, stopSparkJob, submitSparkJob, type SparkJobOptions, type SubmittedJob } from './spark-job.js';

export interface SparkRun {
  engine: 'spark';
  topic: string;
  /** the driver as submitted (absent for --stop) */
  job?: SubmittedJob;
  /** the pid of the driver this run stopped, null when none ran; absent when left running */
  stopped?: number | null;
}

export async function runSpark(ctx: Ctx, o: SparkJobOptions & { detach?: boolean; stop?: boolean }, print: (text: string) => void, log: (line: string) => void): Promise<SparkRun> {
  if (o.stop) return { engine: 'spark', topic: o.topic, stopped: await stopSparkJob(ctx, o.topic) };
  const job = await submitSparkJob(ctx, o, log);
  log(`Spark driver of ${o.topic} on ${job.host}, pid ${job.pid}${job.started ? '' : ' (it was already running)'}; web console ${job.web_ui}; log ${job.log}; checkpoint ${job.checkpoint}`);
  if (o.detach) return { engine: 'spark', topic: o.topic, job };
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await followSparkJob(ctx, o.topic, print, abort.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  log(`stopping the Spark driver of ${o.topic} (its checkpoint stays: the next submit resumes from it)`);
  return { engine: 'spark', topic: o.topic, job, stopped: await stopSparkJob(ctx, o.topic) };
}

export function formatSparkRun(r: SparkRun): string {
  if (!r.job) return r.stopped ? `stopped the Spark driver of ${r.topic} (pid ${r.stopped})` : `no Spark driver of ${r.topic} was running`;
  const j = r.job;
  return [
    `Spark job on ${r.topic}: driver pid ${j.pid} on ${j.host}${r.stopped === undefined ? ', running' : ', stopped'}`,
    `  web console ${j.web_ui}`,
    `  driver log ${j.host}:${j.log}`,
    `  checkpoint ${j.checkpoint}`,
    `  output ${j.output_topic}, dead letters ${j.dlq_topic}`,
  ].join('\n');
}

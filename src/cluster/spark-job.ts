// The seed's popularity job on the Spark cluster: built once (Maven), its jar put beside the
// tool's other jars on the master's host, its output topics made, and its driver started there
// in client mode (it must see the checkpoint folder, as every executor does). One driver per
// input topic; submitting again while it runs is a no-op; a resubmission after the driver died
// resumes from the checkpoint in checkpoint_dir/<topic>. On a secured cluster the job connects as
// a user (`security`: its SCRAM login, made with --spark-job TOPIC), whose settings are put 0600
// on the master's host for the driver, never on a command line.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, OperationError } from '../core/errors.js';
import { sh } from '../core/shell.js';
import { DEFAULT_DIST_CACHE } from '../dist/index.js';
import { deadLetterTopicOf, outputTopicOf } from '../popularity/output.js';
import { sparkEnvironment } from '../render/spark.js';
import type { ClientSecurity } from '../kafka/types.js';
import { layout, SERVICE_USER } from '../render/layout.js';
import { jobKafkaProperties } from '../spark/kafka-config.js';
import { driverPaths, driverStatusScript, parseDriverPid, startDriverScript, stopDriverScript, type DriverPaths } from '../spark/driver.js';
import { ensureJobJar, JOB_MAIN_CLASS } from '../spark/job-build.js';
import { popularityJobArgs, submitArgv } from '../spark/submit.js';
import type { Ctx } from './context.js';
import { sparkMasterOf, sparkWebUi, sparkWorkersOf } from './spark.js';

export const JOB_SOURCE_DIR = fileURLToPath(new URL('../../spark-job', import.meta.url));

export interface SparkJobOptions {
  topic: string;
  triggerMs?: number;
  from?: 'earliest' | 'latest';
  /** frozen in the checkpoint at the first run */
  shufflePartitions?: number;
  maxOffsetsPerTrigger?: number;
  driverMemory?: string;
  executorMemory?: string;
  /** a secured cluster: the user the job connects as (required there) */
  security?: ClientSecurity | null;
}

export interface SubmittedJob {
  host: string;
  pid: number;
  /** false: this job's driver was already running */
  started: boolean;
  log: string;
  checkpoint: string;
  web_ui: string;
  output_topic: string;
  dlq_topic: string;
}

const masterOrThrow = (ctx: Ctx) => {
  const master = sparkMasterOf(ctx.cluster);
  if (!master) throw new OperationError('the Spark engine needs a Spark master in the inventory (a host with spark_master: true)');
  return master;
};

/** The driver's command: SparkSubmit in client mode against the cluster's master, with the job's arguments. */
export function driverCommand(ctx: Ctx, o: SparkJobOptions, jobJar: string): string[] {
  const { cluster } = ctx;
  const master = masterOrThrow(ctx);
  const workers = sparkWorkersOf(cluster).length;
  return submitArgv({
    java: 'java',
    sparkHome: layout.sparkHome,
    master: cluster.sparkMasterUrl!,
    jobJar,
    mainClass: JOB_MAIN_CLASS,
    driverHost: master.host.name,
    driverMemory: o.driverMemory ?? '512m',
    executorMemory: o.executorMemory ?? '512m',
    executorCores: cluster.spark.workerCores,
    totalCores: workers * cluster.spark.workerCores,
    conf: { 'spark.app.name': `popularity ${o.topic}`, 'spark.log.level': 'WARN', 'spark.ui.showConsoleProgress': 'false' },
    jobArgs: popularityJobArgs({
      bootstrap: cluster.brokers.map((b) => `${b.name}:${cluster.broker.port}`).join(','),
      topic: o.topic,
      checkpoint: `${cluster.spark.checkpointDir}/${o.topic}`,
      outputTopic: outputTopicOf(o.topic),
      dlqTopic: deadLetterTopicOf(o.topic),
      ...(o.triggerMs === undefined ? {} : { triggerMs: o.triggerMs }),
      ...(o.from === undefined ? {} : { startingOffsets: o.from }),
      ...(o.shufflePartitions === undefined ? {} : { shufflePartitions: o.shufflePartitions }),
      ...(o.maxOffsetsPerTrigger === undefined ? {} : { maxOffsetsPerTrigger: o.maxOffsetsPerTrigger }),
      ...(o.security ? { kafkaConfig: driverPaths(o.topic).kafkaConfig } : {}),
    }),
  });
}

export async function submitSparkJob(ctx: Ctx, o: SparkJobOptions, log: (line: string) => void = () => {}): Promise<SubmittedJob> {
  const master = masterOrThrow(ctx);
  if (ctx.cluster.security === 'secure' && !o.security?.sasl) {
    throw new InputError(`cluster ${ctx.cluster.name} is secured: the Spark job connects as a user; give --user NAME, made with npm run user -- add NAME --spark-job ${o.topic}`);
  }
  const session = await ctx.sessions.session(master.host.name);
  const { jar } = await ensureJobJar({ sourceDir: JOB_SOURCE_DIR, cacheDir: DEFAULT_DIST_CACHE, log });
  const remoteJar = `${layout.libDir}/${basename(jar)}`;
  // the name holds the sources' hash: a jar of that name is the same jar
  if ((await session.exec(sh`[ -s ${remoteJar} ]`, { check: false })).code !== 0) {
    log(`spark job: uploading ${basename(jar)} to ${master.host.name}`);
    await session.putFile(jar, remoteJar, { owner: 'root', group: 'root', mode: 0o644 });
  }
  await ctx.kafka.createJobOutputs(o.topic, { outputTopic: outputTopicOf(o.topic), deadLetterTopic: deadLetterTopicOf(o.topic) });
  const paths = driverPaths(o.topic);
  if (o.security) await session.put(paths.kafkaConfig, jobKafkaProperties(o.security), { owner: SERVICE_USER, group: SERVICE_USER, mode: 0o600 });
  const r = await session.exec(startDriverScript(paths, driverCommand(ctx, o, remoteJar), sparkEnvironment(ctx.cluster)), { describe: `start the Spark driver of ${o.topic}`, timeoutMs: 30_000 });
  const pid = parseDriverPid(r.stdout);
  if (pid === null) throw new OperationError(`${master.host.name}: the Spark driver of ${o.topic} did not start: ${r.stdout}${r.stderr}`);
  return {
    host: master.host.name,
    pid,
    started: r.stdout.startsWith('started'),
    log: paths.log,
    checkpoint: `${ctx.cluster.spark.checkpointDir}/${o.topic}`,
    web_ui: sparkWebUi(ctx.cluster, master),
    output_topic: outputTopicOf(o.topic),
    dlq_topic: deadLetterTopicOf(o.topic),
  };
}

const driverSession = async (ctx: Ctx) => ctx.sessions.session(masterOrThrow(ctx).host.name);

/** SIGTERM (the query stops, its checkpoint stays), or SIGKILL with `kill` (a crash: chaos). */
export async function stopSparkJob(ctx: Ctx, topic: string, o: { kill?: boolean } = {}): Promise<number | null> {
  const r = await (await driverSession(ctx)).exec(stopDriverScript(driverPaths(topic), o), { describe: `stop the Spark driver of ${topic}`, timeoutMs: 90_000 });
  return parseDriverPid(r.stdout);
}

export async function sparkJobPid(ctx: Ctx, topic: string): Promise<number | null> {
  const r = await (await driverSession(ctx)).exec(driverStatusScript(driverPaths(topic)), { describe: `Spark driver of ${topic}` });
  return r.stdout.startsWith('running') ? parseDriverPid(r.stdout) : null;
}

/** The driver's log from byte `offset` on, and where the next read starts. */
export async function readDriverLog(ctx: Ctx, paths: DriverPaths, offset: number): Promise<{ text: string; next: number }> {
  const r = await (await driverSession(ctx)).exec(sh`tail -c +${offset + 1} -- ${paths.log} 2>/dev/null || true`, { describe: 'read the Spark driver log' });
  return { text: r.stdout, next: offset + Buffer.byteLength(r.stdout) };
}

export { driverPaths };

/**
 * Prints the driver's log as it grows (the top ten of every trigger, the dead-letter counts), from
 * where it stood when called, until `signal` aborts (the caller then stops the driver); fails if
 * the driver exits meanwhile.
 */
export async function followSparkJob(ctx: Ctx, topic: string, print: (text: string) => void, signal: AbortSignal): Promise<void> {
  const paths = driverPaths(topic);
  let offset = Number((await (await driverSession(ctx)).exec(sh`stat -c %s -- ${paths.log} 2>/dev/null || echo 0`)).stdout.trim()) || 0;
  while (!signal.aborted) {
    const chunk = await readDriverLog(ctx, paths, offset);
    offset = chunk.next;
    if (chunk.text) print(chunk.text.trimEnd());
    if ((await sparkJobPid(ctx, topic)) === null) throw new OperationError(`the Spark driver of ${topic} exited; the end of its log is above (${paths.log} on ${masterOrThrow(ctx).host.name})`);
    await new Promise((resolve) => setTimeout(resolve, 1000).unref());
  }
}

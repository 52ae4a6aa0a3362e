#!/usr/bin/env tsx
// The seed's Spark job beside this tool's TypeScript job and a plain consumer, on one lab cluster
// with Spark (192.168.224.0/24, torn down whatever happens):
// 1. one topic of KCP_BENCH_SPARK_MESSAGES (default 200,000) seeded messages read by a plain
//    consumer (no work), the TypeScript job and the Spark job (submitted to the cluster, at most
//    KCP_BENCH_SPARK_BATCH records per batch), one after the other; both jobs' results must
//    equal the oracle of the acked messages. The Spark figures: submit to its first committed
//    batch (JVM, SparkContext, executors, state stores: its start-up), and records per second from
//    its queries' start to the last offset committed.
// 2. the Spark job's batch time while a producer runs at KCP_BENCH_SPARK_RATE (2,000) msg/s for
//    KCP_BENCH_STEADY_S (30) s, from the batch lines of its driver, after a warm-up of one
//    second's messages (the first batches run on cold executors); its result again equal to
//    the oracle.
// stdout: one JSON document (with `figures`), progress on stderr.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkEngine } from '../src/acceptance/spark-engine.js';
import { driverPaths, readDriverLog } from '../src/cluster/spark-job.js';
import { poll } from '../src/core/poll.js';
import type { KafkaClientPort, PartitionOffsets } from '../src/kafka/index.js';
import { diffPopularity, type OracleResult } from '../src/popularity/oracle.js';
import { guardedKafkaClient } from '../src/verify/guarded-client.js';
import type { Figure } from './support/figures.js';
import { withBenchCluster, type BenchCluster } from './support/lab-cluster.js';
import { benchMain, envInt, log } from './support/main.js';
import { timePlainConsumer } from './support/plain-consumer.js';
import { produceParallel } from './support/produce.js';
import { parseSparkBatches } from './support/spark-batches.js';
import { percentile } from '../src/popularity/stats.js';
import { perSecond, seconds } from './support/stats.js';
import { OracleTally } from './support/tally.js';
import { timeJob } from './support/throughput.js';
import { jobProblems } from './support/verdict.js';

const MESSAGES = envInt('KCP_BENCH_SPARK_MESSAGES', 200_000);
const PER_BATCH = envInt('KCP_BENCH_SPARK_BATCH', 50_000);
const RATE = envInt('KCP_BENCH_SPARK_RATE', 2_000);
const STEADY_S = envInt('KCP_BENCH_STEADY_S', 30);
const PRODUCERS = envInt('KCP_BENCH_PRODUCERS', 8);
const NET = process.env.KCP_BENCH_SPARK_NET ?? '192.168.224';
const READY_MS = 180_000;

/** The Spark job's output must equal the oracle of what was acked. */
async function sparkProblems(engine: SparkEngine, oracle: OracleResult, ends: PartitionOffsets[]): Promise<string[]> {
  const outcome = await engine.stop();
  const problems = diffPopularity(oracle.final, new Map(Object.entries(outcome.final))).slice(0, 3).map((d) => `${d.page}: job ${d.actual}, oracle ${d.expected}`);
  for (const e of ends) if (outcome.partitions.find((p) => p.partition === e.partition)?.next_offset !== e.high) problems.push(`partition ${e.partition} not committed to ${e.high}`);
  return problems;
}

async function createTopic(client: KafkaClientPort, topic: string): Promise<void> {
  const admin = await client.admin();
  try {
    await admin.createTopic({ topic, partitions: 3, replicationFactor: 3 });
  } finally {
    await admin.disconnect();
  }
}

async function backlogPhase(lab: BenchCluster, client: KafkaClientPort, work: string) {
  const topic = `bench-spark-${Date.now()}`;
  await createTopic(client, topic);
  const tally = new OracleTally();
  log(`producing ${MESSAGES} messages to ${topic}`);
  const produced = await produceParallel(client, { topic, loops: PRODUCERS, count: MESSAGES, batchSize: 2000, seed: 1, onAcked: (e) => tally.add(e), log });
  if (produced.inDoubt > 0) throw new Error(`${produced.inDoubt} messages in doubt after producing`);
  const admin = await client.admin();
  const ends = await admin.topicOffsets(topic).finally(() => admin.disconnect());
  const timeoutMs = Math.max(300_000, MESSAGES);

  // warm-up, not measured: the first group ever makes the brokers create __consumer_offsets
  const warmup = `${topic}-warmup`;
  await createTopic(client, warmup);
  await produceParallel(client, { topic: warmup, loops: 1, count: 300, batchSize: 300, seed: 0, onAcked: () => {} });
  const warmAdmin = await client.admin();
  await timePlainConsumer(client, warmup, await warmAdmin.topicOffsets(warmup).finally(() => warmAdmin.disconnect()), timeoutMs);
  const plain = await timePlainConsumer(client, topic, ends, timeoutMs);
  log(`plain consumer: ${perSecond(plain.messages, plain.ms)} msg/s`);
  const ts = await timeJob(client, { topic, ends, checkpointDir: join(work, 'ts-checkpoints'), timeoutMs, log });
  const tsProblems = jobProblems(ts.report, tally.oracle, ends);
  if (tsProblems.length > 0) throw new Error(`the TypeScript job's result is wrong: ${tsProblems.join('; ')}`);
  log(`TypeScript job: ${perSecond(ts.messages, ts.ms)} msg/s, equal to the oracle`);

  const spark = new SparkEngine(lab.ctx, client, topic, READY_MS, log, { triggerMs: 1000, maxOffsetsPerTrigger: PER_BATCH });
  const submitted = performance.now();
  let firstCommitMs = 0;
  try {
    await spark.start();
    const ready = performance.now();
    const first = await poll(() => spark.committed(), { deadlineMs: READY_MS, intervalMs: 250, describe: 'the first committed batch', until: (c) => c !== null });
    const firstAt = performance.now();
    firstCommitMs = firstAt - submitted;
    const afterFirst = MESSAGES - [...first!.next.values()].reduce((n, o) => n + o, 0);
    await spark.waitCaughtUp(await client.admin(), timeoutMs);
    const done = performance.now();
    const problems = await sparkProblems(spark, tally.oracle, ends);
    if (problems.length > 0) throw new Error(`the Spark job's result is wrong: ${problems.join('; ')}`);
    const batches = parseSparkBatches((await readDriverLog(lab.ctx, driverPaths(topic), 0)).text);
    log(`Spark job: ${perSecond(MESSAGES, done - ready)} msg/s from its queries' start, ${batches.length} batches, equal to the oracle`);
    return {
      topic, messages: tally.acked, producer_msg_per_s: produced.messagesPerSecond,
      plain_msg_per_s: perSecond(plain.messages, plain.ms),
      ts_msg_per_s: perSecond(ts.messages, ts.ms),
      spark_msg_per_s: perSecond(MESSAGES, done - ready),
      // once its first batch (cold executors: JIT, state stores) is committed
      spark_warm_msg_per_s: afterFirst > 0 ? perSecond(afterFirst, done - firstAt) : null,
      spark_submit_to_first_commit_s: seconds(firstCommitMs),
      spark_submit_to_ready_s: seconds(ready - submitted),
      spark_batches: batches,
      matches_oracle: true,
    };
  } finally {
    await spark.ensureDead();
    await spark.discard().catch(() => undefined);
  }
}

async function steadyPhase(lab: BenchCluster, client: KafkaClientPort) {
  const topic = `bench-spark-steady-${Date.now()}`;
  await createTopic(client, topic);
  // at most two seconds of production per batch, so a slow batch does not swallow the rest
  const spark = new SparkEngine(lab.ctx, client, topic, READY_MS, log, { triggerMs: 1000, maxOffsetsPerTrigger: 2 * RATE });
  try {
    await spark.start();
    // warm-up: the first batches run on cold executors (JIT, state stores); steady means after them
    const tally = new OracleTally();
    await produceParallel(client, { topic, loops: 1, count: RATE, batchSize: 500, seed: 6, onAcked: (e) => tally.add(e), log });
    await poll(() => spark.committed(), { deadlineMs: READY_MS, intervalMs: 500, describe: 'the warm-up batch committed', until: (c) => [...(c?.next.values() ?? [])].reduce((n, o) => n + o, 0) >= RATE });
    const warmBatches = parseSparkBatches((await readDriverLog(lab.ctx, driverPaths(topic), 0)).text).length;
    log(`producing at ${RATE} msg/s for ${STEADY_S} s while the Spark job runs`);
    const produced = await produceParallel(client, { topic, loops: 2, rate: RATE, batchSize: 500, seed: 7, signal: AbortSignal.timeout(STEADY_S * 1000), onAcked: (e) => tally.add(e), log });
    const admin = await client.admin();
    const ends = await admin.topicOffsets(topic);
    await spark.waitCaughtUp(admin, 300_000).finally(() => admin.disconnect());
    const problems = await sparkProblems(spark, tally.oracle, ends);
    if (problems.length > 0) throw new Error(`steady: the Spark job's result is wrong: ${problems.join('; ')}`);
    const driverLog = (await readDriverLog(lab.ctx, driverPaths(topic), 0)).text;
    const all = parseSparkBatches(driverLog);
    const batches = all.slice(warmBatches).filter((b) => b.records > 0);
    if (batches.length === 0) throw new Error(`steady: no batch after the first in the driver's output (${all.length} batch lines); its end:\n${driverLog.split('\n').slice(-25).join('\n')}`);
    const ms = batches.map((b) => b.ms);
    return { rate_asked: RATE, rate_achieved: produced.messagesPerSecond, batches: batches.length, batch_ms_p50: percentile(ms, 50), batch_ms_p99: percentile(ms, 99), records_per_batch_p50: percentile(batches.map((b) => b.records), 50), matches_oracle: true };
  } finally {
    await spark.ensureDead();
    await spark.discard().catch(() => undefined);
  }
}

await benchMain('spark', (partial) =>
  withBenchCluster({ name: 'bench-spark', net: NET, kafkaHeap: '512m', spark: true }, log, async (lab) => {
    partial.bring_up_ms = lab.bringUpMs;
    const work = await mkdtemp(join(tmpdir(), 'kcp-bench-spark-'));
    try {
      const client = await guardedKafkaClient(lab.cluster, 'kcp-bench');
      const b = await backlogPhase(lab, client, work);
      partial.backlog = b;
      const s = await steadyPhase(lab, client);
      partial.steady = s;
      const figures: Figure[] = [
        { name: `plain consumer, no work, ${b.messages.toLocaleString('en-US')} messages`, value: b.plain_msg_per_s, unit: 'msg/s' },
        { name: 'TypeScript job, same topic', value: b.ts_msg_per_s, unit: 'msg/s' },
        { name: `Spark job, same topic (3 executors of 1 core, ${PER_BATCH.toLocaleString('en-US')} per batch)`, value: b.spark_msg_per_s, unit: 'msg/s', reference: 'from its queries\' start to the last commit' },
        { name: '  same, after its first batch (warm executors)', value: b.spark_warm_msg_per_s, unit: 'msg/s' },
        { name: 'Spark job: submit to first committed batch', value: b.spark_submit_to_first_commit_s, unit: 's', reference: `queries started after ${b.spark_submit_to_ready_s} s` },
        { name: `Spark batch time p50 at ${RATE.toLocaleString('en-US')} msg/s`, value: s.batch_ms_p50, unit: 'ms', reference: `${s.batches} batches, trigger 1000 ms` },
        { name: `Spark batch time p99 at ${RATE.toLocaleString('en-US')} msg/s`, value: s.batch_ms_p99, unit: 'ms' },
      ];
      return { ...partial, figures };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }),
);

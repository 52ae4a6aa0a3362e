#!/usr/bin/env tsx
// Popularity job figures on a three-node lab cluster (192.168.221.0/24, torn down whatever happens):
// 1. throughput over KCP_BENCH_MESSAGES (default 1,000,000) seeded messages, beside a plain
//    consumer through the same adapter reading the same topic with no work (goal: job >= 80 % of
//    it): KCP_BENCH_ROUNDS (3) job runs, each between two plain runs (the faster one counts),
//    median of the rounds; every job run's result must equal the oracle of the acked messages or
//    the bench fails;
// 2. micro-batch processing time p50/p99 against the 1000 ms interval while a producer runs at
//    KCP_BENCH_STEADY_RATE (20,000) msg/s for KCP_BENCH_STEADY_S (30) s; the achieved rate is reported.
// stdout: one JSON document (with `figures`), progress on stderr.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KafkaClientPort } from '../src/kafka/index.js';
import { guardedKafkaClient } from '../src/verify/guarded-client.js';
import type { Figure } from './support/figures.js';
import { withBenchCluster } from './support/lab-cluster.js';
import { benchMain, envInt, log } from './support/main.js';
import { produceParallel } from './support/produce.js';
import { timePlainConsumer, type ConsumeTiming } from './support/plain-consumer.js';
import { median, perSecond, roundRatios } from './support/stats.js';
import { steadyRun } from './support/steady.js';
import { OracleTally } from './support/tally.js';
import { timeJob, type JobTiming } from './support/throughput.js';
import { jobProblems } from './support/verdict.js';

const MESSAGES = envInt('KCP_BENCH_MESSAGES', 1_000_000);
const RATE = envInt('KCP_BENCH_STEADY_RATE', 20_000);
const STEADY_S = envInt('KCP_BENCH_STEADY_S', 30);
// producer loops side by side (one batch in flight each): see support/produce.ts
const PRODUCERS = envInt('KCP_BENCH_PRODUCERS', 8);
const NET = process.env.KCP_BENCH_POPULARITY_NET ?? '192.168.221';
const INTERVAL_MS = 1000;
const GOAL = 0.8;
// generous: a consumer slower than 1,000 msg/s here is broken, not slow
const READ_TIMEOUT_MS = Math.max(120_000, MESSAGES);
const ROUNDS = Math.max(1, envInt('KCP_BENCH_ROUNDS', 3));

const rateOf = (t: ConsumeTiming) => perSecond(t.messages, t.ms);
const streamingRateOf = (t: ConsumeTiming) => perSecond(t.messages, Math.max(1, t.streamingMs));

async function throughputPhase(client: KafkaClientPort, topic: string, work: string) {
  const admin = await client.admin();
  try {
    // warm-up, not measured: the first group ever makes the brokers create __consumer_offsets
    const warmup = `${topic}-warmup`;
    await admin.createTopic({ topic: warmup, partitions: 3, replicationFactor: 3 });
    await produceParallel(client, { topic: warmup, loops: 1, count: 300, batchSize: 300, seed: 0, onAcked: () => {} });
    await timePlainConsumer(client, warmup, await admin.topicOffsets(warmup), READ_TIMEOUT_MS);

    await admin.createTopic({ topic, partitions: 3, replicationFactor: 3 });
    log(`producing ${MESSAGES} messages to ${topic} (3 partitions, replication factor 3)`);
    const tally = new OracleTally();
    const produced = await produceParallel(client, { topic, loops: PRODUCERS, count: MESSAGES, batchSize: 2000, seed: 1, onAcked: (e) => tally.add(e), log });
    if (produced.inDoubt > 0) throw new Error(`${produced.inDoubt} messages in doubt after producing`);
    const ends = await admin.topicOffsets(topic);
    const inTopic = ends.reduce((n, e) => n + e.high - e.low, 0);
    if (inTopic !== tally.acked) throw new Error(`the topic holds ${inTopic} records, ${tally.acked} were acked`);
    log(`produced ${produced.acked} at ${produced.messagesPerSecond} msg/s; plain consumer, then ${ROUNDS} rounds of job + plain consumer`);

    // Interleaved, plain first and last, so each job run has a plain run on either side of it
    // taken under much the same load; the figure is the median of the per-round ratios.
    const plain = [await timePlainConsumer(client, topic, ends, READ_TIMEOUT_MS)];
    log(`plain consumer: ${rateOf(plain[0]!)} msg/s`);
    const jobs: JobTiming[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const job = await timeJob(client, { topic, ends, checkpointDir: join(work, `checkpoints-${round}`), timeoutMs: READ_TIMEOUT_MS, intervalMs: INTERVAL_MS, log });
      const problems = jobProblems(job.report, tally.oracle, ends);
      if (problems.length > 0) throw new Error(`round ${round}: the job's result is wrong: ${problems.join('; ')}`);
      jobs.push(job);
      log(`round ${round}: job ${rateOf(job)} msg/s, its result equals the oracle`);
      plain.push(await timePlainConsumer(client, topic, ends, READ_TIMEOUT_MS));
      log(`round ${round}: plain consumer ${rateOf(plain.at(-1)!)} msg/s`);
    }
    const rounds = roundRatios(jobs.map(rateOf), plain.map(rateOf));
    const streamingRounds = roundRatios(jobs.map(streamingRateOf), plain.map(streamingRateOf));
    return {
      producer: { loops: PRODUCERS, batch: 2000, acked: produced.acked, ms: produced.durationMs, msg_per_s: produced.messagesPerSecond },
      messages: tally.acked,
      jobs: jobs.map((j) => ({ ms: j.ms, streaming_ms: j.streamingMs, until_report_ms: j.untilReportMs, msg_per_s: rateOf(j), batches: j.report.batches, checkpoints: j.report.checkpoints })),
      plain: plain.map((t) => ({ ms: t.ms, streaming_ms: t.streamingMs, msg_per_s: rateOf(t) })),
      job_median_msg_per_s: Math.round(median(jobs.map(rateOf))!),
      plain_median_msg_per_s: Math.round(median(plain.map(rateOf))!),
      round_ratios: rounds,
      ratio: median(rounds),
      // first record to last: group join and the job's start-up (output topics) left out
      ratio_streaming: median(streamingRounds),
      goal: GOAL,
      matches_oracle: true,
    };
  } finally {
    await admin.disconnect();
  }
}

await benchMain('popularity', (partial) =>
  withBenchCluster({ name: 'bench-popularity', net: NET, kafkaHeap: '512m' }, log, async (lab) => {
    partial.bring_up_ms = lab.bringUpMs;
    const work = await mkdtemp(join(tmpdir(), 'kcp-bench-popularity-'));
    try {
      const client = await guardedKafkaClient(lab.cluster, 'kcp-bench');
      const topic = `bench-popularity-${Date.now()}`;
      const t = await throughputPhase(client, topic, work);
      partial.throughput = t;

      log(`steady phase: ${RATE} msg/s for ${STEADY_S} s, job interval ${INTERVAL_MS} ms`);
      const steady = await steadyRun(client, { inventory: lab.inventory, topic: `${topic}-steady`, rate: RATE, durationS: STEADY_S, intervalMs: INTERVAL_MS, loops: PRODUCERS, seed: 100, log });
      const r = steady.report;
      partial.steady = {
        rate_asked: RATE, producer_loops: PRODUCERS, rate_achieved: steady.produced.messagesPerSecond, acked: steady.produced.acked, duration_ms: steady.produced.durationMs,
        interval_ms: INTERVAL_MS, batches: r.batches, batch_ms_p50: r.batch_ms_p50, batch_ms_p99: r.batch_ms_p99, batch_ms_max: r.batch_ms_max,
        matches_oracle: true,
      };
      const figures: Figure[] = [
        { name: `popularity job, ${t.messages.toLocaleString('en-US')} messages (median of ${ROUNDS})`, value: t.job_median_msg_per_s, unit: 'msg/s' },
        { name: `plain consumer, no work (median of ${ROUNDS + 1})`, value: t.plain_median_msg_per_s, unit: 'msg/s' },
        { name: 'job / plain consumer (median of the rounds)', value: t.ratio, unit: '', target: { op: '>=', value: GOAL }, reference: `rounds: ${t.round_ratios.join(', ')}` },
        { name: '  same, first batch to last (start-up excluded)', value: t.ratio_streaming, unit: '' },
        { name: `producer, ${PRODUCERS} loops (acks=all, idempotent)`, value: t.producer.msg_per_s, unit: 'msg/s' },
        { name: 'steady producer rate achieved', value: steady.produced.messagesPerSecond, unit: 'msg/s', reference: `asked ${RATE}` },
        { name: 'batch processing p50 (steady)', value: r.batch_ms_p50, unit: 'ms', target: { op: '<', value: INTERVAL_MS } },
        { name: 'batch processing p99 (steady)', value: r.batch_ms_p99, unit: 'ms', target: { op: '<', value: INTERVAL_MS } },
      ];
      return { ...partial, figures };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }),
);

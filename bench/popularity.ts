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
import { guardedKafkaClient } from '../src/verify/guarded-client.js';
import type { Figure } from './support/figures.js';
import { withBenchCluster } from './support/lab-cluster.js';
import { benchMain, envInt, log } from './support/main.js';
import { throughputPhase } from './support/job-ratio.js';
import { steadyRun } from './support/steady.js';

const MESSAGES = envInt('KCP_BENCH_MESSAGES', 1_000_000);
const RATE = envInt('KCP_BENCH_STEADY_RATE', 20_000);
const STEADY_S = envInt('KCP_BENCH_STEADY_S', 30);
// producer loops side by side (one batch in flight each): see support/produce.ts
const PRODUCERS = envInt('KCP_BENCH_PRODUCERS', 8);
const NET = process.env.KCP_BENCH_POPULARITY_NET ?? '192.168.221';
const INTERVAL_MS = 1000;
const GOAL = 0.8;
const ROUNDS = Math.max(1, envInt('KCP_BENCH_ROUNDS', 3));

await benchMain('popularity', (partial) =>
  withBenchCluster({ name: 'bench-popularity', net: NET, kafkaHeap: '512m' }, log, async (lab) => {
    partial.bring_up_ms = lab.bringUpMs;
    const work = await mkdtemp(join(tmpdir(), 'kcp-bench-popularity-'));
    try {
      const client = await guardedKafkaClient(lab.cluster, 'kcp-bench');
      const topic = `bench-popularity-${Date.now()}`;
      const t = await throughputPhase(client, topic, work, { messages: MESSAGES, rounds: ROUNDS, producers: PRODUCERS, intervalMs: INTERVAL_MS, goal: GOAL });
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

#!/usr/bin/env tsx
// Kafka's own ProducerPerformance on a three-node lab cluster (192.168.222.0/24, torn down whatever
// happens), run on the first broker host as the seed did: KCP_BENCH_PERF_RECORDS (default 500,000)
// records of 1 KiB, unthrottled, 3 partitions x 3 replicas, the seed's batch.size=100000 (perf's
// default), once with acks=all and once with acks=1. The seed measured 41,880-82,428 records/s at 1 KiB on three real nodes: a reference,
// not a target (here three brokers and the client share this machine's cores and disk).
import { perfOptions } from '../src/perf/options.js';
import { runPerf, type PerfReport } from '../src/perf/run.js';
import type { Figure } from './support/figures.js';
import { withBenchCluster } from './support/lab-cluster.js';
import { benchMain, envInt, log } from './support/main.js';

const RECORDS = envInt('KCP_BENCH_PERF_RECORDS', 500_000);
const NET = process.env.KCP_BENCH_PERF_NET ?? '192.168.222';
const SEED_REFERENCE = 'seed: 41,880-82,428 records/s, 3 real nodes';

const figuresOf = (acks: string, r: PerfReport): Figure[] => [
  { name: `ProducerPerformance acks=${acks}, batch.size=${r.producer_props['batch.size'] ?? 'default'}, 1 KiB`, value: Math.round(r.records_per_sec), unit: 'records/s', reference: SEED_REFERENCE },
  { name: `  acks=${acks}: MB/s`, value: r.mb_per_sec, unit: 'MB/s' },
  { name: `  acks=${acks}: latency p99`, value: r.p99_ms, unit: 'ms', reference: `p50 ${r.p50_ms} ms, max ${r.max_latency_ms} ms` },
];

const summary = ({ intervals: _i, command: _c, ...rest }: PerfReport) => rest;

await benchMain('perf', (partial) =>
  withBenchCluster({ name: 'bench-perf', net: NET, kafkaHeap: '512m' }, log, async (lab) => {
    partial.bring_up_ms = lab.bringUpMs;
    const runs: Record<string, ReturnType<typeof summary>> = {};
    const figures: Figure[] = [];
    for (const acks of ['all', '1']) {
      log(`ProducerPerformance: ${RECORDS} records of 1024 bytes, acks=${acks}`);
      const report = await runPerf(lab.cluster, perfOptions({ records: String(RECORDS), 'record-size': '1024', 'producer-prop': [`acks=${acks}`] }), log);
      log(`acks=${acks}: ${report.records_per_sec} records/s, p99 ${report.p99_ms} ms`);
      runs[`acks_${acks}`] = summary(report);
      partial.runs = runs;
      figures.push(...figuresOf(acks, report));
    }
    return { ...partial, records: RECORDS, record_size: 1024, figures };
  }),
);

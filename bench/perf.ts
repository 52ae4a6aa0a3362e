#!/usr/bin/env tsx
// The pressure test (#10): Kafka's own ProducerPerformance with the seed's settings (1 KiB records,
// unthrottled, batch.size=100000, acks=all; KCP_BENCH_PERF_RECORDS, default 500,000, into a topic
// of 3 partitions) run on the first broker host against
//   (a) a stock single broker from the same distribution with Kafka's default configuration,
//   (b) a stock cluster of the inventory's shape (3 ZooKeeper + 3 brokers), Kafka's defaults,
//   (c) the cluster as this tool renders it (the default inventory's settings and heaps),
// in KCP_BENCH_PERF_ROUNDS rounds (default 5) of alternating order, only one of them running at a
// time; it reports each rate, b/a, c/b (goal >= 0.95: the rendered configuration costs nothing)
// and c/a, then one acks=1 run on (c). The seed measured 41,880-82,428 records/s at 1 KiB on three
// real nodes: a reference, not a target. Lab on 192.168.222.0/24, torn down whatever happens.
import { loadavg } from 'node:os';
import { startCluster, stopCluster } from '../src/cluster/lifecycle.js';
import type { Cluster } from '../src/inventory/model.js';
import { perfOptions } from '../src/perf/options.js';
import { runPerf, type PerfReport } from '../src/perf/run.js';
import type { Figure } from './support/figures.js';
import { withBenchCluster, type BenchCluster } from './support/lab-cluster.js';
import { benchMain, envInt, log } from './support/main.js';
import { PRESSURE_TARGETS, pressureFigures, roundOrder, type PressureRun, type PressureTarget } from './support/pressure.js';
import { startStock } from './support/stock-cluster.js';

const RECORDS = envInt('KCP_BENCH_PERF_RECORDS', 500_000);
const ROUNDS = envInt('KCP_BENCH_PERF_ROUNDS', 5);
const NET = process.env.KCP_BENCH_PERF_NET ?? '192.168.222';
const RECORD_SIZE = 1024;
const SEED_REFERENCE = 'seed: 41,880-82,428 records/s, 3 real nodes';

const summary = ({ intervals: _i, command: _c, ...rest }: PerfReport) => rest;
const load1 = (): number => Math.round(loadavg()[0]! * 100) / 100;

async function measure(cluster: Cluster, acks: string): Promise<PerfReport> {
  return runPerf(cluster, perfOptions({ records: String(RECORDS), 'record-size': String(RECORD_SIZE), 'producer-prop': [`acks=${acks}`] }), log);
}

/** One run against `target`; only that target is running while it measures. */
async function runTarget(lab: BenchCluster, target: PressureTarget, renderedUp: { value: boolean }): Promise<PerfReport> {
  if (target === 'c') {
    if (!renderedUp.value) await startCluster(lab.ctx);
    renderedUp.value = true;
    return measure(lab.cluster, 'all');
  }
  if (renderedUp.value) await stopCluster(lab.ctx);
  renderedUp.value = false;
  const stock = await startStock(lab.ctx, target === 'a' ? 'single' : 'cluster', log);
  try {
    return await measure(stock.topology.target, 'all');
  } finally {
    await stock.stop();
  }
}

await benchMain('perf', (partial) =>
  withBenchCluster({ name: 'bench-perf', net: NET, kafkaHeap: '512m', zookeeperHeap: '256m' }, log, async (lab) => {
    partial.bring_up_ms = lab.bringUpMs;
    partial.targets = PRESSURE_TARGETS;
    const renderedUp = { value: true };
    const runs: PressureRun[] = [];
    const reports: Array<{ target: PressureTarget; round: number; load_average: number; report: ReturnType<typeof summary> }> = [];
    partial.runs = reports;
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of roundOrder(round)) {
        const load = load1();
        log(`round ${round + 1}/${ROUNDS}, (${target}) ${PRESSURE_TARGETS[target]}: ${RECORDS} records of ${RECORD_SIZE} bytes, acks=all (load ${load})`);
        const report = await runTarget(lab, target, renderedUp);
        log(`(${target}): ${report.records_per_sec} records/s, p99 ${report.p99_ms} ms`);
        runs.push({ target, round, records_per_sec: report.records_per_sec, p99_ms: report.p99_ms, load_average: load });
        reports.push({ target, round, load_average: load, report: summary(report) });
      }
    }
    if (!renderedUp.value) await startCluster(lab.ctx);
    const load = load1();
    log(`(c) acks=1: ${RECORDS} records (load ${load})`);
    const acks1 = await measure(lab.cluster, '1');
    partial.acks_1 = { load_average: load, report: summary(acks1) };
    const figures: Figure[] = [
      ...pressureFigures(runs, RECORD_SIZE).map((f) => (f.name.startsWith('pressure (c)') ? { ...f, reference: `${f.reference}; ${SEED_REFERENCE}` } : f)),
      { name: `pressure (c) acks=1, ${RECORD_SIZE} B`, value: Math.round(acks1.records_per_sec), unit: 'records/s', reference: `p99 ${acks1.p99_ms} ms; load ${load}` },
    ];
    return { ...partial, records: RECORDS, record_size: RECORD_SIZE, rounds: ROUNDS, figures };
  }),
);

#!/usr/bin/env tsx
// Cluster lifecycle figures on a fresh lab (root), for the default inventory's shape and heaps
// (3 ZooKeeper + 3 brokers): cold provision + start to healthy, with where the time went (the
// provision report's phases, and each host's upload, unpack and file steps); a no-op provision;
// a rolling restart of every service while an acks=all producer keeps sending (failed sends are
// a figure: the goal is none). Timed in-process, and the no-op provision also as a user types
// it (`npm run provision`, median of 3); stdout is one JSON document. Lab on 192.168.63.0/24,
// torn down whatever happens. Goals (#10): cold <= 15 s, no-op < 1 s, rolling restart <= 30 s
// with zero failed sends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCtx, createCtx } from '../src/cluster/context.js';
import { restartCluster } from '../src/cluster/lifecycle.js';
import { provision } from '../src/cluster/provision.js';
import { loadInventory } from '../src/inventory/load.js';
import { labDown } from '../src/lab/down.js';
import { labUp } from '../src/lab/up.js';
import { guardedKafkaClient } from '../src/verify/guarded-client.js';
import { startAcksProducer } from '../test/support/acks-producer.js';
import { labInventoryText } from '../test/support/lab-cluster.js';
import { clusterFigures } from './support/figures.js';
import { log } from './support/main.js';
import { waitForQuiet } from './support/quiet.js';
import { typed } from './support/typed.js';

const NET = process.env.KCP_BENCH_NET ?? '192.168.63';
const NAME = 'bench-cluster';
const dir = mkdtempSync(join(tmpdir(), 'kcp-bench-cluster-'));
const inventory = join(dir, 'inventory.yaml');
writeFileSync(inventory, labInventoryText({ name: NAME, clusterName: NAME, net: NET, kafkaHeap: '512m', zookeeperHeap: '256m', jvmOptions: [] }));

const seconds = (ms: number): number => Math.round(ms / 100) / 10;
const { cluster } = await loadInventory(inventory);
let code = 0;
try {
  await labDown(cluster, { purge: true }); // leftovers of a crashed run with the same name
  await labUp(cluster);
  const ctx = createCtx(cluster);
  try {
    let t = performance.now();
    const cold = await provision(ctx);
    const coldS = seconds(performance.now() - t);
    log(`cold provision + start in ${coldS} s: ${cold.phases.map((p) => `${p.name} ${seconds(p.ms)} s`).join(', ')}`);
    t = performance.now();
    const noop = await provision(ctx);
    const noopS = seconds(performance.now() - t);

    const client = await guardedKafkaClient(cluster, 'kcp-bench-cluster');
    const admin = await client.admin();
    const topic = `bench-rolling-${Date.now()}`;
    await admin.createTopic({ topic, partitions: 3, replicationFactor: 3 });
    await admin.disconnect();
    const producer = await startAcksProducer(client, topic);
    let rolling;
    let rollingS: number;
    try {
      await producer.progress(20);
      t = performance.now();
      rolling = await restartCluster(ctx);
      rollingS = seconds(performance.now() - t);
      await producer.progress(20);
    } finally {
      await producer.stop();
    }
    log(`rolling restart in ${rollingS} s, ${producer.acked} sends acknowledged, ${producer.failures.length} failed`);
    // as typed, once the restarted JVMs have settled: a user's no-op provision meets a running cluster, not a starting one
    const quiet = await waitForQuiet({ idle: 0.8, deadlineMs: 90_000, log });
    const noopTypedS = await typed('npm run provision (no-op, as typed)', 'npm', ['run', '--silent', 'provision', '--', '--inventory', inventory], 5);
    const doc = {
      benchmark: 'cluster',
      cold_provision_start_s: coldS,
      cold_phases_s: Object.fromEntries(cold.phases.map((p) => [p.name, seconds(p.ms)])),
      cold_apply_steps_s: Object.fromEntries(Object.entries(cold.apply_steps_ms).map(([h, steps]) => [h, Object.fromEntries(Object.entries(steps).map(([k, ms]) => [k, seconds(ms)]))])),
      cold_files_uploaded: cold.changed,
      noop_provision_s: noopS,
      noop_provision_typed_s: noopTypedS,
      noop_provision_typed_idle: Math.round(quiet.idle * 100) / 100,
      noop_phases_s: Object.fromEntries(noop.phases.map((p) => [p.name, seconds(p.ms)])),
      noop_files_uploaded: noop.changed,
      noop_restarted: noop.restarted.length + noop.started.length,
      rolling_restart_s: rollingS,
      rolling_restarted: rolling.restarted,
      rolling_sends_acked: producer.acked,
      rolling_sends_failed: producer.failures.length,
      rolling_send_failures: producer.failures.slice(0, 10),
      targets_s: { cold: 15, noop: 1, rolling: 30 },
    };
    process.stdout.write(`${JSON.stringify({ ...doc, figures: clusterFigures(doc) }, null, 2)}\n`);
  } finally {
    await closeCtx(ctx);
  }
} catch (err) {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  code = 1;
} finally {
  await labDown(cluster, { purge: true }).catch((e: Error) => process.stderr.write(`lab down: ${e.message}\n`));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);

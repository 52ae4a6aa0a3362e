#!/usr/bin/env tsx
// Cluster lifecycle figures on a fresh lab (root): cold provision + start, a no-op provision,
// a rolling restart of every service. Timed in-process (tsx start-up excluded); stdout is one
// JSON document. Lab on 192.168.63.0/24, torn down whatever happens. Targets (not asserted):
// cold < 30 s, no-op < 3 s, rolling restart < 90 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCtx, createCtx } from '../src/cluster/context.js';
import { restartCluster } from '../src/cluster/lifecycle.js';
import { provision } from '../src/cluster/provision.js';
import { loadInventory } from '../src/inventory/load.js';
import { labDown } from '../src/lab/down.js';
import { labUp } from '../src/lab/up.js';

const NET = process.env.KCP_BENCH_NET ?? '192.168.63';
const dir = mkdtempSync(join(tmpdir(), 'kcp-bench-cluster-'));
const inventory = join(dir, 'inventory.yaml');
writeFileSync(inventory, `cluster:
  name: bench-cluster
  kafka: { heap: 384m }
  zookeeper: { client_port: 2181, peer_port: 2888, election_port: 3888, heap: 128m }
hosts:
  - { name: node01, address: ${NET}.11, zookeeper_id: 1, broker_id: 0 }
  - { name: node02, address: ${NET}.12, zookeeper_id: 2, broker_id: 1 }
  - { name: node03, address: ${NET}.13, zookeeper_id: 3, broker_id: 2 }
`);

const seconds = (ms: number): number => Math.round(ms / 100) / 10;
const { cluster } = await loadInventory(inventory);
let code = 0;
try {
  await labUp(cluster);
  const ctx = createCtx(cluster);
  try {
    let t = performance.now();
    const cold = await provision(ctx);
    const coldS = seconds(performance.now() - t);
    t = performance.now();
    const noop = await provision(ctx);
    const noopS = seconds(performance.now() - t);
    t = performance.now();
    const rolling = await restartCluster(ctx);
    const rollingS = seconds(performance.now() - t);
    process.stdout.write(`${JSON.stringify({
      cold_provision_start_s: coldS,
      cold_files_uploaded: cold.changed,
      noop_provision_s: noopS,
      noop_files_uploaded: noop.changed,
      noop_restarted: noop.restarted.length + noop.started.length,
      rolling_restart_s: rollingS,
      rolling_restarted: rolling.restarted,
      targets_s: { cold: 30, noop: 3, rolling: 90 },
    }, null, 2)}\n`);
  } finally {
    await closeCtx(ctx);
  }
} catch (err) {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`);
  code = 1;
} finally {
  await labDown(cluster, { purge: true }).catch((e: Error) => process.stderr.write(`lab down: ${e.message}\n`));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);

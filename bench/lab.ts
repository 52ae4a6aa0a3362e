#!/usr/bin/env tsx
// Benchmark of lab:up / lab:down for three hosts (targets: up < 3 s, down < 2 s), in-process so
// the figures are the lab's own work, not tsx start-up. Uses its own cluster name and subnet in a
// temporary folder, so a running demo lab is not touched. Prints one JSON document.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../src/inventory/load.js';
import { labDown } from '../src/lab/down.js';
import { labUp } from '../src/lab/up.js';

const runs = Number(process.env.KCP_BENCH_RUNS ?? 5);
const subnet = process.env.KCP_BENCH_SUBNET ?? '192.168.214';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return Math.round(performance.now() - start);
}

const dir = await mkdtemp(join(tmpdir(), 'kcp-bench-lab-'));
const inventory = join(dir, 'inventory.yaml');
await writeFile(
  inventory,
  `cluster:\n  name: bench-lab\nhosts:\n${[1, 2, 3]
    .map((i) => `  - name: node0${i}\n    address: ${subnet}.${10 + i}\n    zookeeper_id: ${i}\n    broker_id: ${i - 1}\n`)
    .join('')}`,
);
const { cluster } = await loadInventory(inventory);
const up: number[] = [];
const down: number[] = [];
let firstUp = 0;
try {
  await labDown(cluster, { purge: true });
  firstUp = await timed(() => labUp(cluster)); // includes copying /etc and making keys
  down.push(await timed(() => labDown(cluster)));
  for (let i = 0; i < runs; i++) {
    up.push(await timed(() => labUp(cluster)));
    down.push(await timed(() => labDown(cluster)));
  }
} finally {
  await labDown(cluster, { purge: true }).catch(() => {});
  await rm(dir, { recursive: true, force: true });
}
const result = {
  benchmark: 'lab',
  hosts: 3,
  runs,
  up_ms: median(up),
  down_ms: median(down),
  first_up_ms: firstUp,
  up_samples_ms: up,
  down_samples_ms: down,
  targets_ms: { up: 3000, down: 2000 },
  within_targets: median(up) < 3000 && median(down) < 2000,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

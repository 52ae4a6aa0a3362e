#!/usr/bin/env tsx
// KRaft figures on a lab of three combined nodes (192.168.66.0/24, torn down whatever happens),
// beside the ZooKeeper-mode figures of bench/cluster.ts and bench/popularity.ts in the same run:
// cold provision + start of Kafka 4.3.2 to healthy (goal: at most half the ZooKeeper-mode 3+3
// time, compared in bench/index.ts), a no-op provision, a rolling restart, a rolling upgrade to
// 4.4.0 and its finalize, and the popularity job beside a plain consumer on KRaft (goal 0.8).
// stdout: one JSON document (with `figures`), progress on stderr.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCtx, createCtx } from '../src/cluster/context.js';
import { finalizeUpgrade } from '../src/cluster/finalize.js';
import { restartCluster } from '../src/cluster/lifecycle.js';
import { provision } from '../src/cluster/provision.js';
import { loadInventory } from '../src/inventory/load.js';
import { guardedKafkaClient } from '../src/verify/guarded-client.js';
import { labInventoryText, type LabClusterOptions } from '../test/support/lab-cluster.js';
import type { Figure } from './support/figures.js';
import { throughputPhase } from './support/job-ratio.js';
import { withBenchCluster } from './support/lab-cluster.js';
import { benchMain, envInt, log } from './support/main.js';

const NET = process.env.KCP_BENCH_KRAFT_NET ?? '192.168.66';
const MESSAGES = envInt('KCP_BENCH_MESSAGES', 1_000_000);
const ROUNDS = Math.max(1, envInt('KCP_BENCH_ROUNDS', 3));
const OPTIONS: LabClusterOptions = { name: 'bench-kraft', net: NET, topology: 'combined', version: '4.3.2', kafkaHeap: '512m' };
const seconds = (ms: number): number => Math.round(ms / 100) / 10;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, seconds(performance.now() - t)];
}

await benchMain('kraft', (partial) =>
  withBenchCluster(OPTIONS, log, async (lab) => {
    const coldS = seconds(lab.bringUpMs.provisionStart);
    partial.cold_provision_start_s = coldS;
    const [noop, noopS] = await timed(() => provision(lab.ctx));
    const [rolling, rollingS] = await timed(() => restartCluster(lab.ctx));
    log(`rolling restart in ${rollingS} s: ${rolling.restarted.join(', ')}`);

    await writeFile(lab.inventory, labInventoryText({ ...OPTIONS, clusterName: OPTIONS.name, version: '4.4.0', jvmOptions: [] }));
    const upgradedCtx = createCtx((await loadInventory(lab.inventory)).cluster);
    let upgradeS: number;
    let finalizeS: number;
    try {
      [, upgradeS] = await timed(() => provision(upgradedCtx));
      [, finalizeS] = await timed(() => finalizeUpgrade(upgradedCtx, new Map()));
    } finally {
      await closeCtx(upgradedCtx);
    }
    log(`upgrade to 4.4.0 in ${upgradeS} s, finalized in ${finalizeS} s`);
    Object.assign(partial, { noop_provision_s: noopS, rolling_restart_s: rollingS, upgrade_s: upgradeS, finalize_s: finalizeS });

    const work = await mkdtemp(join(tmpdir(), 'kcp-bench-kraft-'));
    try {
      const client = await guardedKafkaClient(lab.cluster, 'kcp-bench');
      const t = await throughputPhase(client, `bench-kraft-${Date.now()}`, work, { messages: MESSAGES, rounds: ROUNDS, producers: 8, intervalMs: 1000, goal: 0.8 });
      partial.throughput = t;
      const figures: Figure[] = [
        { name: 'KRaft cold provision + start, 3 combined', value: coldS, unit: 's', reference: 'goal: half the ZooKeeper-mode figure (row below)' },
        { name: 'KRaft no-op provision', value: noopS, unit: 's', target: { op: '<', value: 3 }, reference: `${noop.changed} uploaded` },
        { name: 'KRaft rolling restart, 3 combined', value: rollingS, unit: 's', target: { op: '<', value: 90 } },
        { name: 'KRaft rolling upgrade 4.3.2 -> 4.4.0', value: upgradeS, unit: 's', target: { op: '<', value: 120 } },
        { name: 'KRaft finalize-upgrade (metadata.version)', value: finalizeS, unit: 's' },
        { name: `KRaft job / plain consumer, ${t.messages.toLocaleString('en-US')} messages`, value: t.ratio, unit: '', target: { op: '>=', value: 0.8 }, reference: `rounds: ${t.round_ratios.join(', ')}` },
      ];
      return { ...partial, figures };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }),
);

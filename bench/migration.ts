#!/usr/bin/env tsx
// The live migration's figures on a lab (192.168.226.0/24, torn down whatever happens): a secured
// ZooKeeper-mode cluster as a new inventory gets it (Kafka 3.9, 3 ZooKeeper servers + 3
// brokers), a dedicated controller added beside each broker, then npm run migrate from start to
// end while an acks=all producer sends one message at a time: the duration of each phase, and
// the longest gap between two acknowledgements the producer saw (an outage, as a client sees it),
// with the count of failed sends (goal 0). Then the upgrade of the migrated cluster to 4.4.0.
// stdout: one JSON document (with `figures`), progress on stderr.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { closeCtx, createCtx } from '../src/cluster/context.js';
import { provision } from '../src/cluster/provision.js';
import { loadInventory } from '../src/inventory/load.js';
import { kraftInventoryText } from '../src/migration/kraft-inventory.js';
import { migrate } from '../src/migration/migrate.js';
import { guardedKafkaClient } from '../src/verify/guarded-client.js';
import { startAcksProducer } from '../test/support/acks-producer.js';
import type { LabClusterOptions } from '../test/support/lab-cluster.js';
import type { Figure } from './support/figures.js';
import { withBenchCluster } from './support/lab-cluster.js';
import { benchMain, log } from './support/main.js';

const NET = process.env.KCP_BENCH_MIGRATION_NET ?? '192.168.226';
const OPTIONS: LabClusterOptions = { name: 'bench-migration', net: NET, topology: 'zookeeper', security: 'secure', kafkaHeap: '320m' };
const TOPIC = 'bench-migration';
const seconds = (ms: number): number => Math.round(ms / 100) / 10;

await benchMain('migration', (partial) =>
  withBenchCluster(OPTIONS, log, async (lab) => {
    const migrating = join(lab.dir, 'migrate.yaml');
    const text = await readFile(lab.inventory, 'utf8');
    await writeFile(migrating, text
      .replace(/^(  zookeeper: .*)$/m, '$1\n  controller: { port: 9093, heap: 256m }')
      .replace(/broker_id: (\d) \}/g, (_m, id: string) => `broker_id: ${id}, controller_id: ${3001 + Number(id)} }`));
    const client = await guardedKafkaClient(lab.cluster, 'kcp-bench');
    const admin = await client.admin();
    await admin.createTopic({ topic: TOPIC, partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    await admin.disconnect();
    const producer = await startAcksProducer(client, TOPIC, 10);
    await producer.progress(20);
    const ctx = createCtx((await loadInventory(migrating, { migration: true })).cluster);
    let report;
    const t = performance.now();
    try {
      report = await migrate(ctx);
    } finally {
      await closeCtx(ctx);
    }
    const migrateS = seconds(performance.now() - t);
    await producer.progress(20);
    const migrationGap = producer.maxGapMs;
    const sentDuringMigration = producer.acked;

    const kraft = join(lab.dir, 'kraft-4.4.yaml');
    await writeFile(kraft, kraftInventoryText(await readFile(migrating, 'utf8')).replace('mode: kraft', 'version: "4.4.0", mode: kraft'));
    const upgradeCtx = createCtx((await loadInventory(kraft)).cluster);
    let upgradeS: number;
    try {
      const u = performance.now();
      await provision(upgradeCtx);
      upgradeS = seconds(performance.now() - u);
    } finally {
      await closeCtx(upgradeCtx);
    }
    await producer.progress(20);
    await producer.stop();
    log(`migration in ${migrateS} s (longest ack gap ${migrationGap} ms, ${producer.failures.length} failed sends), upgrade to 4.4.0 in ${upgradeS} s`);
    Object.assign(partial, { phases: report.phases, migrate_s: migrateS, max_ack_gap_ms: migrationGap, acked: producer.acked, acked_during_migration: sentDuringMigration, failed_sends: producer.failures.length, upgrade_s: upgradeS });
    const figures: Figure[] = [
      ...report.phases.map((p): Figure => ({ name: `migration phase ${p.name}`, value: seconds(p.ms ?? 0), unit: 's', reference: p.state })),
      { name: 'migration, 3 ZooKeeper + 3 brokers -> 3 controllers + 3 brokers', value: migrateS, unit: 's', target: { op: '<', value: 600 } },
      { name: 'longest gap between acks=all acknowledgements during the migration', value: migrationGap, unit: 'ms', reference: `${sentDuringMigration} sends acknowledged one at a time` },
      { name: 'failed acks=all sends during the migration and the upgrade', value: producer.failures.length, unit: '', target: { op: '<=', value: 0 } },
      { name: 'rolling upgrade of the migrated cluster 3.9 -> 4.4.0', value: upgradeS, unit: 's', target: { op: '<', value: 180 } },
    ];
    return { ...partial, figures };
  }),
);

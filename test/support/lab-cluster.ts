// A three-node ZooKeeper + Kafka cluster on lab hosts for end-to-end tests and benchmarks: an
// inventory in a temp folder (a FIXED cluster name, so a crashed earlier run's namespaces are
// found and removed first, and its own /24), lab up, provision, start; and a teardown that
// always runs to the end (context closed, lab down with purge, temp folder removed), whatever
// part of the bring-up got done. The topology is ZooKeeper mode (the inventory's default
// version) unless asked for KRaft: three combined nodes, or three dedicated controllers beside
// three brokers; with `spark`, a Spark master and three workers beside. Use: `const lab = labCluster({...})` at describe level, then
// `beforeAll(() => lab.up(), 900_000)` and `afterAll(() => lab.down(), 300_000)`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCtx, createCtx, type Ctx } from '../../src/cluster/context.js';
import { startCluster } from '../../src/cluster/lifecycle.js';
import { provision } from '../../src/cluster/provision.js';
import { loadInventory } from '../../src/inventory/load.js';
import type { Cluster } from '../../src/inventory/model.js';
import { labDown } from '../../src/lab/down.js';
import { labUp } from '../../src/lab/up.js';

/**
 * The e2e labs' JVMs: C1 only and the serial collector. A lab of six to thirteen JVMs on two
 * cores spends much of its CPU on C2 compiles and G1's threads; the tests prove the tool's
 * orchestration, which neither changes. Benches keep the tool's defaults (jvmOptions: []).
 */
export const LAB_TEST_JVM_OPTIONS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];
/** `jvm_options: [...]` in a flow map of the inventory, or nothing */
export const jvmOptionsYaml = (options: string[]): string => (options.length === 0 ? '' : `, jvm_options: [${options.map((o) => JSON.stringify(o)).join(', ')}]`);

export interface LabClusterOptions {
  /** fixed cluster name, one per test or bench file */
  name: string;
  /** first three octets of the lab /24, e.g. "192.168.60" (one per test file) */
  net: string;
  kafkaHeap?: string;
  zookeeperHeap?: string;
  brokerConfig?: Record<string, string>;
  /** host names, node01..node03 by default (a test may pick others to show nothing assumes them) */
  hostNames?: [string, string, string];
  /** zookeeper (default) | combined (KRaft, node ids 1-3) | separate (KRaft: controllers 1-3, brokers 11-13) */
  topology?: 'zookeeper' | 'combined' | 'separate';
  /** cluster.kafka.version; the inventory default (3.9) when unset, 4.4.0 for KRaft */
  version?: string;
  controllerHeap?: string;
  /** a Spark standalone cluster beside Kafka: the master on the first host, a worker on each */
  spark?: boolean;
  /**
   * none by default (written out, so every command warns); secure writes no line at all, since
   * that is the inventory's default, so the secured files prove the default too
   */
  security?: 'none' | 'secure';
  /** every process's jvm_options; LAB_TEST_JVM_OPTIONS when unset */
  jvmOptions?: string[];
}

export interface LabCluster {
  readonly dir: string;
  readonly inventory: string;
  readonly cluster: Cluster;
  readonly ctx: Ctx;
  /** wall-clock of lab up and of provision + start, ms (after up()) */
  readonly bringUpMs: { lab: number; provisionStart: number };
  up(log?: (line: string) => void): Promise<void>;
  down(): Promise<void>;
}

export function labInventoryText(o: LabClusterOptions & { clusterName: string }): string {
  const config = Object.entries(o.brokerConfig ?? {}).map(([k, v]) => `"${k}": "${v}"`).join(', ');
  const topology = o.topology ?? 'zookeeper';
  const version = o.version ?? (topology === 'zookeeper' ? null : '4.4.0');
  const roles = (i: number): string =>
    topology === 'zookeeper' ? `zookeeper_id: ${i + 1}, broker_id: ${i}` : topology === 'combined' ? `controller_id: ${i + 1}, broker_id: ${i + 1}` : `controller_id: ${i + 1}, broker_id: ${i + 11}`;
  const spark = (i: number): string => (o.spark ? `, spark_worker: true${i === 0 ? ', spark_master: true' : ''}` : '');
  const jvm = jvmOptionsYaml(o.jvmOptions ?? LAB_TEST_JVM_OPTIONS);
  return [
    'cluster:',
    `  name: ${o.clusterName}`,
    ...(o.security === 'secure' ? [] : ['  security: none']),
    `  kafka: { ${version ? `version: "${version}", ` : ''}heap: ${o.kafkaHeap ?? '384m'}${jvm} }`,
    topology === 'zookeeper'
      ? `  zookeeper: { client_port: 2181, peer_port: 2888, election_port: 3888, heap: ${o.zookeeperHeap ?? '128m'}${jvm} }`
      : `  controller: { port: 9093, heap: ${o.controllerHeap ?? '256m'}${jvm} }`,
    `  broker: { port: 9092, config: { ${config} } }`,
    '  ssh: { user: root, port: 22, identity_file: .lab/ssh/id_ed25519, known_hosts: .lab/ssh/known_hosts }',
    ...(o.spark ? [`  spark: { worker_cores: 1, worker_memory: 768m, heap: 192m${jvm} }`] : []),
    'hosts:',
    ...(o.hostNames ?? ['node01', 'node02', 'node03']).map((name, i) => `  - { name: ${name}, address: ${o.net}.1${i + 1}, ${roles(i)}${spark(i)} }`),
    '',
  ].join('\n');
}

export function labCluster(o: LabClusterOptions): LabCluster {
  let dir: string | undefined;
  let cluster: Cluster | undefined;
  let ctx: Ctx | undefined;
  let labStarted = false;
  let bringUpMs: { lab: number; provisionStart: number } | undefined;
  const need = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`lab cluster ${o.name}: ${what} is not ready (up() failed or not called)`);
    return x;
  };
  return {
    get dir() { return need(dir, 'the folder'); },
    get inventory() { return join(need(dir, 'the folder'), 'inventory.yaml'); },
    get cluster() { return need(cluster, 'the cluster'); },
    get ctx() { return need(ctx, 'the context'); },
    get bringUpMs() { return need(bringUpMs, 'the bring-up timing'); },
    async up(log = () => {}) {
      dir = mkdtempSync(join(tmpdir(), `kcp-${o.name}-`));
      const inventory = join(dir, 'inventory.yaml');
      writeFileSync(inventory, labInventoryText({ ...o, clusterName: o.name }));
      cluster = (await loadInventory(inventory)).cluster;
      labStarted = true; // from here on down() must take away whatever labUp managed to create
      await labDown(cluster, { purge: true }); // leftovers of a crashed run with the same name
      let t = performance.now();
      log(`lab up: ${o.name} on ${o.net}.0/24`);
      await labUp(cluster);
      const lab = Math.round(performance.now() - t);
      t = performance.now();
      ctx = createCtx(cluster);
      log('provision + start');
      await provision(ctx);
      await startCluster(ctx);
      bringUpMs = { lab, provisionStart: Math.round(performance.now() - t) };
      log(`cluster up (lab ${bringUpMs.lab} ms, provision + start ${bringUpMs.provisionStart} ms)`);
    },
    async down() {
      try {
        if (ctx) await closeCtx(ctx);
      } finally {
        try {
          if (labStarted && cluster) await labDown(cluster, { purge: true });
        } finally {
          if (dir) rmSync(dir, { recursive: true, force: true });
        }
      }
    },
  };
}

// The provisioner against real lab hosts (192.168.58.0/24, one cluster for the whole file, torn
// down in afterAll whatever happened), with the commands run as a user types them where the
// JSON contract matters (`npm run X -- --json`):
// - cold provision + start of Kafka 3.9.1 (kcat, an independent client, sees it); a second
//   provision uploads nothing and keeps every pid;
// - `provision --dry-run` of a zoo.cfg and a broker change shows both diffs and leaves every
//   file's hash and mtime, the link and every pid as they were; the real provision then rolls
//   exactly those services (ZooKeeper followers, leader; that broker) while acks=all sends keep
//   being acknowledged;
// - a version switch 3.9.1 -> 3.9.2 moves the link and rolls every service, acks continuing;
// - restart-cluster rolls every process in order, every pid changes, no acks=all send fails;
//   with a broker down it waits on the safety rule rather than stop a last in-sync replica;
// - a SIGKILLed broker in status and back with start-cluster; verify --json: every check passes
//   (the topic described, gzip stored as gzip on disk); perf --json: ProducerPerformance's
//   figures parsed, its topic deleted; with a broker stopped, verify names it and exits 1 while
//   ZooKeeper's checks still pass; a failed gate names the host with the log tail; wrong host
//   key, unreachable host. (Stop and start of this shape: spark.test.ts.)
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeCtx, createCtx, type Ctx } from '../../src/cluster/context.js';
import { startCluster, type RestartReport } from '../../src/cluster/lifecycle.js';
import { provision, type ProvisionReport } from '../../src/cluster/provision.js';
import type { PerfReport } from '../../src/perf/run.js';
import type { VerifyReport } from '../../src/verify/run.js';
import { startService, stopService } from '../../src/cluster/services.js';
import { clusterStatus } from '../../src/cluster/status.js';
import { readProcesses } from '../../src/facts/run.js';
import { loadInventory } from '../../src/inventory/load.js';
import type { Cluster } from '../../src/inventory/model.js';
import { createKafkaClient, type KafkaClientPort } from '../../src/kafka/index.js';
import { labDown } from '../../src/lab/down.js';
import { guardLabAddress } from '../../src/lab/guard.js';
import { labUp } from '../../src/lab/up.js';
import { sumOf } from '../../src/metrics/exposition.js';
import { scrapeProcess } from '../../src/metrics/scrape.js';
import { pidFile } from '../../src/render/layout.js';
import { poll } from '../../src/core/poll.js';
import { underLoad as underAcks } from '../support/acks-producer.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { jsonOf, runNpm, runScript, startNpm } from '../support/run-command.js';
import { LAB_TEST_JVM_OPTIONS, jvmOptionsYaml } from '../support/lab-cluster.js';
import { leaderLastProblems, type RolledReport } from '../support/roll-order.js';

const run = promisify(execFile);
const NET = '192.168.58';
const TOPIC = 'e2e-acks';

interface InventoryEdits {
  version?: string;
  zookeeperConfig?: string;
  node02Config?: string;
  node03Address?: string;
}

function inventoryText(name: string, e: InventoryEdits = {}): string {
  return `cluster:
  name: ${name}
  security: none
  kafka: { version: "${e.version ?? '3.9.1'}", heap: 384m${jvmOptionsYaml(LAB_TEST_JVM_OPTIONS)} }
  zookeeper: { client_port: 2181, peer_port: 2888, election_port: 3888, heap: 128m, config: ${e.zookeeperConfig ?? '{}'}${jvmOptionsYaml(LAB_TEST_JVM_OPTIONS)} }
  broker: { port: 9092 }
  ssh: { user: root, port: 22, identity_file: .lab/ssh/id_ed25519, known_hosts: .lab/ssh/known_hosts }
hosts:
  - { name: node01, address: ${NET}.11, zookeeper_id: 1, broker_id: 0 }
  - { name: node02, address: ${NET}.12, zookeeper_id: 2, broker_id: 1, broker_config: ${e.node02Config ?? '{}'} }
  - { name: node03, address: ${e.node03Address ?? `${NET}.13`}, zookeeper_id: 3, broker_id: 2 }
`;
}

/** Every managed file with its mtime (ns) and sha256, and where the KAFKA_HOME link points. */
const FILES_COMMAND = `for f in $(find /etc/kafka /etc/zookeeper /opt/kafka-cluster /var/lib/zookeeper/myid -type f | sort) /etc/hosts; do
  printf '%s %s %s\\n' "$f" "$(stat -c %y "$f")" "$(sha256sum < "$f" | cut -c1-64)"; done; echo "link $(readlink /opt/kafka)"`;

describeIf(missingRoot(), 'cluster: provision and lifecycle on lab hosts', () => {
  let dir: string;
  let inventory: string;
  let cluster: Cluster;
  let ctx: Ctx;
  let client: KafkaClientPort;
  let labIsUp = false;
  const name = 'cluster-e2e'; // fixed: a crashed run's leftovers are reclaimed by the next lab:up

  const load = async (file = inventory): Promise<Cluster> => (await loadInventory(file)).cluster;
  const pids = async (): Promise<Record<string, number | null>> => {
    const out: Record<string, number | null> = {};
    for (const h of cluster.hosts) {
      const p = await readProcesses(await ctx.sessions.session(h.name));
      out[`${h.name}/zookeeper`] = p.zookeeper.pid;
      out[`${h.name}/kafka`] = p.kafka.pid;
    }
    return out;
  };
  const files = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const h of cluster.hosts) out[h.name] = (await (await ctx.sessions.session(h.name)).exec(FILES_COMMAND)).stdout;
    return out;
  };
  const kcatBrokers = async (): Promise<number[]> => {
    await guardLabAddress(cluster, `${NET}.11`, { required: true });
    const { stdout } = await run('kcat', ['-b', `${NET}.11:9092`, '-L', '-J', '-m', '10']);
    return (JSON.parse(stdout) as { brokers: Array<{ id: number }> }).brokers.map((b) => b.id).sort();
  };
  /** `npm run <name> -- --inventory <this> --json <args>`: the exit code and the one JSON document on stdout. */
  const cliReport = async <T>(name: string, args: string[]): Promise<{ code: number | null; report: T; stderr: string }> => {
    const r = await runScript(name, ['--inventory', inventory, ...args, '--json']);
    return { code: r.code, report: jsonOf<T>(r, `scripts/${name}.ts`), stderr: r.stderr };
  };
  /** Runs `fn` while an acks=all producer sends to TOPIC; no send may fail, and acks go on after. */
  const underLoad = <T>(fn: () => Promise<T>): Promise<T> => underAcks(client, TOPIC, fn);
  /** The ZooKeeper hosts in rolling order as status sees them now: followers (by id), the leader last. */
  const zkRollOrder = async (): Promise<string[]> => {
    const zk = (await clusterStatus(ctx)).zookeeper;
    expect(zk.filter((z) => z.mode === 'leader')).toHaveLength(1);
    return [...zk.filter((z) => z.mode !== 'leader'), ...zk.filter((z) => z.mode === 'leader')].map((z) => `${z.host}/zookeeper`);
  };
  /** Roles of a rolling run: ZooKeeper followers then the leader; brokers then the controller. */
  const expectRollingRoles = (report: RolledReport & { restarted: string[] }): void => {
    const zk = report.restarted.filter((p) => p.endsWith('/zookeeper'));
    const kafka = report.restarted.filter((p) => p.endsWith('/kafka'));
    expect(report.restarted.findIndex((p) => p.endsWith('/kafka'))).toBe(zk.length); // ZooKeeper first, then brokers
    expect([...leaderLastProblems(zk, report, ['follower', 'leader']), ...leaderLastProblems(kafka, report, ['broker', 'controller'])]).toEqual([]);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kcp-cluster-e2e-'));
    inventory = join(dir, 'inventory.yaml');
    writeFileSync(inventory, inventoryText(name));
    cluster = await load();
    labIsUp = true;
    await labUp(cluster);
    ctx = createCtx(cluster);
    client = createKafkaClient({ brokers: cluster.bootstrapServers.split(','), logLevel: 'nothing' });
  });

  afterAll(async () => {
    if (ctx) await closeCtx(ctx);
    if (labIsUp) await labDown(cluster, { purge: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('cold provision + start of 3.9.1 gives a healthy cluster that kcat sees', async () => {
    const report = await provision(ctx);
    expect(report.ok).toBe(true);
    expect(report.changed).toBeGreaterThanOrEqual(cluster.hosts.length * 8);
    expect(report.started.sort()).toEqual(cluster.hosts.flatMap((h) => [`${h.name}/kafka`, `${h.name}/zookeeper`]).sort());
    expect(await kcatBrokers()).toEqual([0, 1, 2]);
    const status = await clusterStatus(ctx);
    expect(status, JSON.stringify(status)).toMatchObject({ ok: true, under_replicated: 0 });
    expect(status.zookeeper.filter((z) => z.mode === 'leader')).toHaveLength(1);
    expect(status.brokers.map((b) => [b.registered, b.pid !== null, b.version])).toEqual(cluster.brokers.map(() => [true, true, '3.9.1']));
    // every broker's JMX exporter: nothing under-replicated, one controller among them, requests served, the JVM's own metrics
    const metrics = await Promise.all(cluster.processes.filter((p) => p.service === 'kafka').map((p) => scrapeProcess(cluster, p)));
    expect(metrics.map((m) => sumOf(m, 'kafka_server_replicamanager_underreplicatedpartitions'))).toEqual([0, 0, 0]);
    expect(metrics.map((m) => sumOf(m, 'kafka_controller_kafkacontroller_activecontrollercount')).reduce((a, b) => a! + b!, 0)).toBe(1);
    expect(metrics.map((m) => (sumOf(m, 'kafka_network_requestmetrics_requests_total') ?? 0) > 0)).toEqual([true, true, true]);
    expect(metrics.map((m) => sumOf(m, 'jvm_memory_used_bytes', { area: 'heap' })! > 0)).toEqual([true, true, true]);
    // the inventory's jvm_options reached the JVMs: the serial collector ("Copy") instead of G1
    expect(metrics.map((m) => [sumOf(m, 'jvm_gc_collection_seconds_count', { gc: 'Copy' }) !== null, sumOf(m, 'jvm_gc_collection_seconds_count', { gc: 'G1 Young Generation' })])).toEqual([[true, null], [true, null], [true, null]]);
    const admin = await client.admin();
    try {
      await admin.createTopic({ topic: TOPIC, partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    } finally {
      await admin.disconnect();
    }
  });

  it('a second provision uploads nothing and keeps every pid', async () => {
    const before = await pids();
    const report = await provision(ctx);
    expect(report).toMatchObject({ ok: true, changed: 0, restarted: [], started: [] });
    expect(report.hosts.every((h) => h.changes.length === 0)).toBe(true);
    expect(await pids()).toEqual(before);
  });

  it('provision --dry-run shows a zoo.cfg and a broker diff and touches nothing; the real provision rolls exactly those services under load', async () => {
    writeFileSync(inventory, inventoryText(name, { zookeeperConfig: '{ syncLimit: 6 }', node02Config: '{ num.io.threads: 4 }' }));
    const [pidsBefore, filesBefore] = [await pids(), await files()];

    const dry = await runNpm('provision', ['--inventory', inventory, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    // the inventory says security: none, and every command says what that leaves open
    expect(dry.stderr).toMatch(/^warning: .*inventory\.yaml:3: cluster\.security: security: none: every listener is PLAINTEXT/m);
    const plan = jsonOf<ProvisionReport>(dry, 'npm run provision -- --dry-run --json');
    expect(plan).toMatchObject({ ok: true, dry_run: true, changed: 4, restarted: [], started: [] });
    const diffs = plan.diffs!.map((d) => `${d.host}:${d.path}`).sort();
    expect(diffs).toEqual(['node01:/etc/zookeeper/zoo.cfg', 'node02:/etc/kafka/server.properties', 'node02:/etc/zookeeper/zoo.cfg', 'node03:/etc/zookeeper/zoo.cfg']);
    for (const d of plan.diffs!) {
      if (d.path.endsWith('zoo.cfg')) expect(d.diff).toMatch(/^-syncLimit=5$[\s\S]*^\+syncLimit=6$/m);
      else expect(d.diff).toMatch(/^\+num\.io\.threads=4$/m);
    }
    const actions = plan.hosts.flatMap((h) => h.services.filter((s) => s.action !== 'none').map((s) => `${h.host}/${s.service}:${s.action}`)).sort();
    expect(actions).toEqual(['node01/zookeeper:restart', 'node02/kafka:restart', 'node02/zookeeper:restart', 'node03/zookeeper:restart']);
    expect(await files()).toEqual(filesBefore); // every file's hash and mtime, and the link
    expect(await pids()).toEqual(pidsBefore);

    const zkOrder = await zkRollOrder();
    const applied = await underLoad(async () => {
      const r = await runNpm('provision', ['--inventory', inventory, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return jsonOf<ProvisionReport>(r, 'npm run provision -- --json');
    });
    expect(applied).toMatchObject({ ok: true, dry_run: false, changed: 4, started: [] });
    expect(applied.restarted).toEqual([...zkOrder, 'node02/kafka']);
    expect(applied.roles).toMatchObject({ [zkOrder[0]!]: 'follower', [zkOrder[1]!]: 'follower', [zkOrder[2]!]: 'leader' });
    const after = await pids();
    for (const [key, pid] of Object.entries(pidsBefore)) {
      if (applied.restarted.includes(key)) expect(after[key], key).not.toBe(pid);
      else expect(after[key], key).toBe(pid);
    }
  });

  it('a version switch 3.9.1 -> 3.9.2 moves the link and rolls every service, acks continuing', async () => {
    writeFileSync(inventory, inventoryText(name, { version: '3.9.2', zookeeperConfig: '{ syncLimit: 6 }', node02Config: '{ num.io.threads: 4 }' }));
    const before = await pids();
    const report = await underLoad(async () => {
      const r = await runNpm('provision', ['--inventory', inventory, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return jsonOf<ProvisionReport>(r, 'npm run provision -- --json');
    });
    expect(report.restarted).toHaveLength(6);
    expectRollingRoles(report);
    for (const h of report.hosts) expect(h.changes, h.host).toContain('switch /opt/kafka: /opt/kafka -> /opt/kafka_2.13-3.9.1, wanted /opt/kafka_2.13-3.9.2');
    for (const h of cluster.hosts) {
      expect((await (await ctx.sessions.session(h.name)).exec('readlink /opt/kafka')).stdout.trim()).toBe('/opt/kafka_2.13-3.9.2');
    }
    const after = await pids();
    for (const key of Object.keys(before)) expect(after[key], key).not.toBe(before[key]);
    const status = await clusterStatus(ctx);
    expect(status).toMatchObject({ ok: true, under_replicated: 0 });
    expect(status.brokers.map((b) => b.version)).toEqual(['3.9.2', '3.9.2', '3.9.2']);
  });

  it('restart-cluster rolls every process in order, each pid changes, no acks=all send fails, nothing under-replicated after', async () => {
    const before = await pids();
    const zkOrder = await zkRollOrder();
    const report = await underLoad(async () => {
      const r = await runNpm('restart-cluster', ['--inventory', inventory, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return jsonOf<RestartReport>(r, 'npm run restart-cluster -- --json');
    });
    expect(report.restarted.slice(0, 3)).toEqual(zkOrder);
    expect(report.restarted.slice(3).sort()).toEqual(['node01/kafka', 'node02/kafka', 'node03/kafka']);
    expectRollingRoles(report);
    const after = await pids();
    for (const key of Object.keys(before)) expect(after[key], key).not.toBe(before[key]);
    expect(await clusterStatus(ctx)).toMatchObject({ ok: true, under_replicated: 0 });
  });

  it('with a broker down, restart-cluster waits on the safety rule instead of stopping a last in-sync replica, then finishes', async () => {
    // A topic that overrides min.insync.replicas to 1: with one broker down its ISR of two is
    // above its minimum, so it must not block; TOPIC (min.insync.replicas 2) must.
    const admin = await client.admin();
    try {
      await admin.createTopic({ topic: 'e2e-minisr1', partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '1' } });
    } finally {
      await admin.disconnect();
    }
    // every broker learns of a new topic in its own time: the one the view asks may not list it yet
    const minIsrs = async () =>
      Object.fromEntries((await ctx.kafka.snapshot()).partitions.filter((p) => p.topic.startsWith('e2e-')).map((p) => [`${p.topic}-${p.partition}`, p.minIsr]));
    await expect.poll(minIsrs, { timeout: 30_000, interval: 500 }).toEqual({
      'e2e-acks-0': 2, 'e2e-acks-1': 2, 'e2e-acks-2': 2, 'e2e-minisr1-0': 1, 'e2e-minisr1-1': 1, 'e2e-minisr1-2': 1,
    });

    await stopService(ctx, 'node03', 'kafka');
    const before = await pids();
    await underLoad(async () => {
      const restart = startNpm('restart-cluster', ['--inventory', inventory, '--json']);
      const waiting = /waiting for broker (\d) safe to stop.*: node0\d: (.*)/;
      const seen = await poll(async () => waiting.exec(restart.output().stderr)!, {
        deadlineMs: 150_000, intervalMs: 500, backoff: 1, describe: 'restart-cluster waiting on the safety rule',
        show: () => restart.output().stderr.split('\n').slice(-5).join(' | '),
      });
      expect(seen[1]).not.toBe('2');
      // every blocker is named: TOPIC's three partitions, none of the topic with min.insync.replicas 1
      expect(seen[2]).toMatch(/^e2e-acks-\d \(replicas \[[0-2,]+\], ISR \[[0-2,]+\], min\.insync\.replicas 2\): broker \d is one of its last in-sync replicas; also e2e-acks-\d, e2e-acks-\d$/);
      // it keeps waiting: no broker is stopped while another is down
      await new Promise((r) => setTimeout(r, 8_000));
      const waitingPids = await pids();
      for (const p of ['node01/kafka', 'node02/kafka']) expect(waitingPids[p], p).toBe(before[p]);
      expect(waitingPids['node03/kafka']).toBeNull();

      await startService(ctx, 'node03', 'kafka');
      const restarted = await restart.done;
      expect(restarted.code, restarted.stderr).toBe(0);
      const report = jsonOf<RestartReport>(restarted, 'npm run restart-cluster -- --json');
      expect(report.restarted).toHaveLength(6);
      expectRollingRoles(report);
    });
    const after = await pids();
    for (const p of ['node01/kafka', 'node02/kafka']) expect(after[p], p).not.toBe(before[p]);
    expect(after['node03/kafka']).not.toBeNull();
    expect(await clusterStatus(ctx)).toMatchObject({ ok: true, under_replicated: 0 });
  });

  it('a broker killed with SIGKILL shows in status and comes back with start-cluster', async () => {
    const session = await ctx.sessions.session('node03');
    const pid = Number((await session.exec(`cat ${pidFile('kafka')}`)).stdout.trim());
    await session.exec(`kill -KILL ${pid}`);
    await expect.poll(async () => (await clusterStatus(ctx)).brokers.find((b) => b.host === 'node03')?.pid, { timeout: 10_000, interval: 500 }).toBeNull();
    expect((await clusterStatus(ctx)).ok).toBe(false);
    const check = await runScript('status', ['--inventory', inventory, '--json', '--check']);
    expect(check.code).toBe(1); // for monitoring: --check fails on a sick cluster, and still prints the report
    expect(jsonOf(check, 'status --check')).toMatchObject({ ok: false, brokers: expect.arrayContaining([expect.objectContaining({ host: 'node03', pid: null })]) });
    // its registration outlives the process until the ZooKeeper session expires; start-cluster waits for that
    const report = await startCluster(ctx);
    const outcome = (host: string, service: string) => [...report.zookeeper, ...report.brokers].find((o) => o.host === host && o.service === service)?.result;
    expect(outcome('node03', 'kafka')).toBe('started');
    expect(outcome('node01', 'kafka')).toBe('already running');
    expect(outcome('node03', 'zookeeper')).toBe('already running');
    expect(await kcatBrokers()).toEqual([0, 1, 2]);
    await expect.poll(async () => (await clusterStatus(ctx)).ok, { timeout: 60_000, interval: 1000 }).toBe(true);
    expect((await runScript('status', ['--inventory', inventory, '--check'])).code).toBe(0);
  });

  // after the safety-rule test: verify's group makes __consumer_offsets, whose partitions would
  // also block a broker's stop there
  it('verify --json: every check passes, the topic has 3 partitions x 3 in-sync replicas', async () => {
    const { code, report } = await cliReport<VerifyReport>('verify', []);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    const names = report.checks.map((c) => c.name);
    for (const host of ['node01', 'node02', 'node03']) expect(names).toEqual(expect.arrayContaining([`zookeeper ${host} ruok`, `zookeeper ${host} srvr`]));
    expect(names).toEqual(expect.arrayContaining(['broker 0 (node01) registered', 'broker 1 (node02) registered', 'broker 2 (node03) registered']));
    const leader = report.checks.find((c) => c.name === 'zookeeper ensemble has one leader')!;
    expect(leader.detail).toMatch(/^leader node0\d, followers node0\d, node0\d$/);
    const lines = report.describe!.split('\n');
    expect(lines).toHaveLength(4); // the header and one line per partition: the loop below must see all three
    expect(lines[0]).toBe(`Topic: ${report.topic}\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: `);
    for (const [i, line] of lines.slice(1).entries()) {
      const m = new RegExp(`^\\tTopic: ${report.topic}\\tPartition: ${i}\\tLeader: (\\d)\\tReplicas: ([0-2],[0-2],[0-2])\\tIsr: ([0-2],[0-2],[0-2])(?:\\t.*)?$`).exec(line);
      expect(m, line).not.toBeNull();
      expect(m![2]!.split(',').sort()).toEqual(['0', '1', '2']);
      expect(m![3]!.split(',').sort()).toEqual(['0', '1', '2']);
    }
    expect(report.checks.find((c) => c.name === 'round trip gzip')!.detail).toMatch(/^5 sent \(acks=all, gzip\), 5 read back identical/);
    // what the brokers stored, read from the log segments by Kafka's DumpLogSegments
    expect(report.checks.find((c) => c.name === 'stored gzip')!.detail).toMatch(/^5 messages in \d+ gzip batch(es)? on disk \(\d+:\d+-\d+/);
    expect(report.checks.find((c) => c.name === 'stored plain')!.detail).toMatch(/^5 messages in \d+ none batch(es)? on disk/);
    expect(report.checks.at(-1)).toMatchObject({ name: 'topic delete', ok: true });
  });

  it('perf --json: ProducerPerformance on the first broker host, figures parsed, topic deleted', async () => {
    const { code, report, stderr } = await cliReport<PerfReport>('perf', ['--records', '50000', '--record-size', '1024']);
    expect(code, stderr).toBe(0);
    expect(report).toMatchObject({ records: 50000, host: 'node01', partitions: 3, replication_factor: 3, record_size: 1024, throughput: -1, topic_deleted: true });
    expect(report.records_per_sec).toBeGreaterThan(0);
    // the seed's producer settings unless told otherwise, and where each came from
    expect(report.producer_props).toMatchObject({ 'batch.size': '100000', acks: 'all' });
    expect(report.producer_prop_sources).toMatchObject({ 'batch.size': 'the seed', acks: "Kafka's default", 'bootstrap.servers': 'the inventory' });
    expect(report.command).toMatch(/ --producer-props bootstrap\.servers=\S+ batch\.size=100000 acks=all$/);
    expect(report.mb_per_sec).toBeCloseTo((report.records_per_sec * 1024) / (1024 * 1024), 1);
    expect(report.p50_ms).toBeLessThanOrEqual(report.p95_ms);
    expect(report.p95_ms).toBeLessThanOrEqual(report.p99_ms);
    expect(report.p99_ms).toBeLessThanOrEqual(report.p999_ms);
    expect(report.p999_ms).toBeLessThanOrEqual(Math.ceil(report.max_latency_ms));
    expect(report.command).toMatch(/^java -Xmx256m .* -cp '\/opt\/kafka\/libs\/\*' org\.apache\.kafka\.tools\.ProducerPerformance --topic kcp-perf-/);
    // the figures for the README / bench, beside the seed's 41,880-82,428 records/s on real nodes
    process.stderr.write(`perf on the lab: ${JSON.stringify({ ...report, intervals: undefined, command: undefined })}\n`);
  });

  it('with one broker stopped, verify reports the failing checks and exits 1; start-cluster brings it back', async () => {
    await stopService(ctx, 'node03', 'kafka');
    const { code, report } = await cliReport<VerifyReport>('verify', []);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failed).toContain('broker 2 (node03) registered');
    expect(report.checks.find((c) => c.name === 'broker 2 (node03) registered')!.detail).toMatch(/^broker 2 is not in the cluster metadata \(registered: 0, 1\)$/);
    // ZooKeeper is untouched and still reported healthy: independent checks keep running
    expect(report.checks.filter((c) => c.name.startsWith('zookeeper')).every((c) => c.ok)).toBe(true);
    expect(failed).toContain('topic create'); // replication factor 3 with two brokers
    expect(report.checks.find((c) => c.name === 'topic delete')).toMatchObject({ ok: true });
      expect((await startCluster(ctx)).brokers.find((o) => o.host === 'node03')?.result).toBe('started');
  });

  // stop, a second stop and start again with the data kept, in ZooKeeper mode: spark.test.ts
  // (the same cluster shape, with Spark beside it)


  it('a failed gate fails with the host, what was expected and seen, and the log tail saved under .artifacts', async () => {
    writeFileSync(inventory, inventoryText(name, { version: '3.9.2', zookeeperConfig: '{ syncLimit: 6 }', node02Config: '{ num.io.threads: not-a-number }' }));
    const broken = createCtx(await load());
    broken.deadlineScale = 0.1; // the broker cannot come up (its JVM exits on the config): do not wait the full 90 s
    try {
      const err = await provision(broken).then(() => null, (e: Error) => e);
      expect(err?.message).toMatch(/node02 \(kafka\): expected brokers \[0, 1, 2\] running, answering.*; seen: process not running/);
      expect(err?.message).toMatch(/last lines of the kafka logs \(saved to .*\.artifacts\/node02\/kafka\.log/);
      expect(err?.message).toMatch(/num\.io\.threads/);
      const saved = ['kafka.log', 'kafka.out'].map((f) => readFileSync(join(dir, '.artifacts', 'node02', f), 'utf8')).join('\n');
      expect(saved).toMatch(/num\.io\.threads/);
    } finally {
      await closeCtx(broken);
    }
  });

  it('a wrong host key is refused with an error naming the host', async () => {
    const tampered = join(dir, 'tampered_known_hosts');
    const lines = readFileSync(cluster.ssh.knownHosts, 'utf8').split('\n');
    const other = readFileSync(cluster.ssh.knownHosts, 'utf8').split('\n').find((l) => l.includes('node02'))!.split(' ').slice(1).join(' ');
    writeFileSync(tampered, lines.map((l) => (l.includes('node01') ? `${l.split(' ')[0]} ${other}` : l)).join('\n'));
    const wrong = createCtx({ ...cluster, ssh: { ...cluster.ssh, knownHosts: tampered } });
    try {
      await expect(provision(wrong, { dryRun: true })).rejects.toThrow(/node01 \(192\.168\.58\.11:22\): HOST KEY CHANGED/);
    } finally {
      await closeCtx(wrong);
    }
  });

  it('an unreachable host gives an error naming it', async () => {
    const file = join(dir, 'unreachable.yaml');
    writeFileSync(file, inventoryText(name, { node03Address: `${NET}.99` }));
    const broken = createCtx(await load(file));
    try {
      await expect(provision(broken, { dryRun: true })).rejects.toThrow(/node03 \(192\.168\.58\.99:22\): (host unreachable|connection timed out|no SSH handshake)/);
    } finally {
      await closeCtx(broken);
    }
  });
});

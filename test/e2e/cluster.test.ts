// The provisioner against real lab hosts: cold provision + start (seen by kcat, an independent
// client), a no-op provision that keeps every pid, a one-broker config change that restarts
// only that broker while an acks=all producer keeps getting acks, a SIGKILLed broker seen by
// status and brought back by start-cluster, stop leaving no JVM, start keeping the data, and
// clear errors for a wrong host key and an unreachable host. Lab on 192.168.58.0/24, a cluster
// name unique per run; the lab is torn down in afterAll whatever happened.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeCtx, createCtx, type Ctx } from '../../src/cluster/context.js';
import { startCluster, stopCluster } from '../../src/cluster/lifecycle.js';
import { provision } from '../../src/cluster/provision.js';
import { clusterStatus } from '../../src/cluster/status.js';
import { readProcesses } from '../../src/facts/run.js';
import { loadInventory } from '../../src/inventory/load.js';
import type { Cluster } from '../../src/inventory/model.js';
import { createKafkaClient } from '../../src/kafka/client.js';
import { labDown } from '../../src/lab/down.js';
import { guardLabAddress } from '../../src/lab/guard.js';
import { labUp } from '../../src/lab/up.js';
import { pidFile } from '../../src/render/layout.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { runScript } from '../support/run-command.js';

const run = promisify(execFile);
const NET = '192.168.58';
const TOPIC = 'e2e-acks';

function inventoryText(name: string, node02Config = '{}', node03Address = `${NET}.13`): string {
  return `cluster:
  name: ${name}
  kafka: { heap: 384m }
  zookeeper: { client_port: 2181, peer_port: 2888, election_port: 3888, heap: 128m }
  broker: { port: 9092 }
  ssh: { user: root, port: 22, identity_file: .lab/ssh/id_ed25519, known_hosts: .lab/ssh/known_hosts }
hosts:
  - { name: node01, address: ${NET}.11, zookeeper_id: 1, broker_id: 0 }
  - { name: node02, address: ${NET}.12, zookeeper_id: 2, broker_id: 1, broker_config: ${node02Config} }
  - { name: node03, address: ${node03Address}, zookeeper_id: 3, broker_id: 2 }
`;
}

describeIf(missingRoot(), 'cluster: provision and lifecycle on lab hosts', () => {
  let dir: string;
  let inventory: string;
  let cluster: Cluster;
  let ctx: Ctx;
  let labIsUp = false;
  const name = "cluster-e2e"; // fixed: a crashed run's leftovers are reclaimed by the next lab:up

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
  const kcatBrokers = async (): Promise<number[]> => {
    await guardLabAddress(cluster, `${NET}.11`, { required: true });
    const { stdout } = await run('kcat', ['-b', `${NET}.11:9092`, '-L', '-J', '-m', '10']);
    return (JSON.parse(stdout) as { brokers: Array<{ id: number }> }).brokers.map((b) => b.id).sort();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kcp-cluster-e2e-'));
    inventory = join(dir, 'inventory.yaml');
    writeFileSync(inventory, inventoryText(name));
    cluster = await load();
    labIsUp = true;
    await labUp(cluster);
    ctx = createCtx(cluster);
  });

  afterAll(async () => {
    if (ctx) await closeCtx(ctx);
    if (labIsUp) await labDown(cluster, { purge: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('cold provision + start gives a healthy cluster that kcat sees', async () => {
    const report = await provision(ctx);
    expect(report.ok).toBe(true);
    expect(report.changed).toBeGreaterThanOrEqual(cluster.hosts.length * 8);
    expect(report.started.sort()).toEqual(cluster.hosts.flatMap((h) => [`${h.name}/kafka`, `${h.name}/zookeeper`]).sort());
    expect(await kcatBrokers()).toEqual([0, 1, 2]);
    const status = await clusterStatus(ctx);
    expect(status, JSON.stringify(status)).toMatchObject({ ok: true, under_replicated: 0 });
    expect(status.zookeeper.filter((z) => z.mode === 'leader')).toHaveLength(1);
    expect(status.brokers.every((b) => b.registered && b.pid !== null && b.version === cluster.kafka.version)).toBe(true);
  });

  it('a second provision uploads nothing and keeps every pid', async () => {
    const before = await pids();
    const report = await provision(ctx);
    expect(report).toMatchObject({ ok: true, changed: 0, restarted: [], started: [] });
    expect(report.hosts.every((h) => h.changes.length === 0)).toBe(true);
    expect(await pids()).toEqual(before);
  });

  it("changing one broker's broker_config restarts that broker only, while acks=all writes keep being acked", async () => {
    const client = createKafkaClient({ brokers: cluster.bootstrapServers.split(','), logLevel: 'nothing' });
    const admin = await client.admin();
    await admin.createTopic({ topic: TOPIC, partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    await admin.disconnect();
    const producer = await client.producer();
    let acked = 0;
    const failures: string[] = [];
    let producing = true;
    const loop = (async () => {
      for (let i = 0; producing; i++) {
        try {
          acked += (await producer.send(TOPIC, [{ key: `k${i % 7}`, value: `v${i}` }])).length;
        } catch (err) {
          failures.push((err as Error).message);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      while (acked < 20) await new Promise((r) => setTimeout(r, 50));
      const before = await pids();
      writeFileSync(inventory, inventoryText(name, '{ num.io.threads: 4 }'));
      const changed = createCtx(await load());
      let report;
      try {
        report = await provision(changed);
      } finally {
        await closeCtx(changed);
      }
      const ackedAtEnd = acked;
      expect(report.restarted).toEqual(['node02/kafka']);
      expect(report.started).toEqual([]);
      expect(report.changed).toBe(1);
      const after = await pids();
      for (const [key, pid] of Object.entries(before)) {
        if (key === 'node02/kafka') expect(after[key]).not.toBe(pid);
        else expect(after[key]).toBe(pid);
      }
      while (acked < ackedAtEnd + 20) await new Promise((r) => setTimeout(r, 50));
      expect(failures).toEqual([]);
    } finally {
      producing = false;
      await loop;
      await producer.disconnect();
    }
  });

  it('a broker killed with SIGKILL shows in status and comes back with start-cluster', async () => {
    const session = await ctx.sessions.session('node03');
    const pid = Number((await session.exec(`cat ${pidFile('kafka')}`)).stdout.trim());
    await session.exec(`kill -KILL ${pid}`);
    await expect.poll(async () => (await clusterStatus(ctx)).brokers.find((b) => b.host === 'node03')?.pid, { timeout: 10_000, interval: 500 }).toBeNull();
    expect((await clusterStatus(ctx)).ok).toBe(false);
    const check = await runScript('status', ['--inventory', inventory, '--json', '--check']);
    expect(check.code).toBe(1); // for monitoring: --check fails on a sick cluster, and still prints the report
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: false, brokers: expect.arrayContaining([expect.objectContaining({ host: 'node03', pid: null })]) });
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

  it('stop leaves no JVM on any host; start again keeps the data', async () => {
    const client = createKafkaClient({ brokers: cluster.bootstrapServers.split(','), logLevel: 'nothing' });
    let admin = await client.admin();
    const offsetsBefore = await admin.topicOffsets(TOPIC);
    await admin.disconnect();
    expect(offsetsBefore.reduce((n, o) => n + o.high, 0)).toBeGreaterThan(0);

    await stopCluster(ctx);
    for (const h of cluster.hosts) {
      const { stdout } = await (await ctx.sessions.session(h.name)).exec('ps -eo comm= | grep -c "^java$" || true');
      expect(`${h.name}: ${stdout.trim()}`).toBe(`${h.name}: 0`);
    }
    const again = await stopCluster(ctx);
    expect([...again.zookeeper, ...again.brokers].every((o) => o.result === 'already stopped')).toBe(true);

    await startCluster(ctx);
    await expect.poll(async () => (await clusterStatus(ctx)).under_replicated, { timeout: 60_000, interval: 1000 }).toBe(0);
    admin = await client.admin();
    try {
      expect(await admin.topicOffsets(TOPIC)).toEqual(offsetsBefore);
    } finally {
      await admin.disconnect();
    }
  });

  it('a failed gate fails with the host, what was expected and seen, and the log tail saved under .artifacts', async () => {
    writeFileSync(inventory, inventoryText(name, '{ num.io.threads: not-a-number }'));
    const broken = createCtx(await load());
    broken.deadlineScale = 0.25; // the broker cannot come up: do not wait the full 90 s
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
    writeFileSync(file, inventoryText(name, '{}', `${NET}.99`));
    const broken = createCtx(await load(file));
    try {
      await expect(provision(broken, { dryRun: true })).rejects.toThrow(/node03 \(192\.168\.58\.99:22\): (host unreachable|connection timed out|no SSH handshake)/);
    } finally {
      await closeCtx(broken);
    }
  });
});

// KRaft, three combined nodes (broker + controller in one process) on lab hosts, 192.168.64.0/24,
// one cluster for the whole file, torn down in afterAll whatever happened. From nothing to
// healthy on Kafka 4.3.2 (security: none); a second provision changes nothing; verify; perf;
// acks=all sends keep being acknowledged across a SIGKILL of the active
// controller and a rolling restart; finalize-upgrade refused before and done after a rolling
// upgrade to 4.4.0 (metadata.version raised, kraft.version not); stop leaves no JVM and start
// keeps the data; a data folder formatted for another cluster is refused, not overwritten. The
// acceptance test under every fault runs on the secured KRaft cluster of security.test.ts.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { killServiceCommand } from '../../src/acceptance/kill-command.js';
import { readClusterId } from '../../src/cluster/cluster-id.js';
import type { FinalizeReport } from '../../src/cluster/finalize.js';
import { startCluster, stopCluster, type RestartReport } from '../../src/cluster/lifecycle.js';
import type { ProvisionReport } from '../../src/cluster/provision.js';
import { quorumOf } from '../../src/cluster/quorum/index.js';
import { clusterStatus } from '../../src/cluster/status.js';
import { poll } from '../../src/core/poll.js';
import { createKafkaClient, type KafkaClientPort } from '../../src/kafka/index.js';
import { guardLabAddress } from '../../src/lab/guard.js';
import type { PerfReport } from '../../src/perf/run.js';
import type { VerifyReport } from '../../src/verify/run.js';
import { underLoad } from '../support/acks-producer.js';
import { labChecks } from '../support/lab-checks.js';
import { labCluster, labInventoryText, type LabClusterOptions } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { leaderLastProblems } from '../support/roll-order.js';
import { runNpm } from '../support/run-command.js';

const run = promisify(execFile);
const NET = '192.168.64';
const TOPIC = 'kraft-acks';
const OPTIONS: LabClusterOptions = { name: 'kraft-e2e', net: NET, topology: 'combined', version: '4.3.2', kafkaHeap: '384m' };
const log = (line: string) => process.stderr.write(`[kraft] ${line}\n`);

describeIf(missingRoot(), 'KRaft: three combined nodes on lab hosts', () => {
  const lab = labCluster(OPTIONS);
  let client: KafkaClientPort;
  const { cli, pids, healthy, createTopic } = labChecks(lab);

  beforeAll(async () => {
    await lab.up(log);
    client = createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), logLevel: 'nothing' });
    await createTopic(client, TOPIC);
  }, 900_000);
  afterAll(() => lab.down(), 300_000);

  it('from nothing to healthy: a quorum leader, every voter caught up, every broker unfenced, one cluster id everywhere', async () => {
    const status = await clusterStatus(lab.ctx);
    expect(status, JSON.stringify(status)).toMatchObject({ ok: true, mode: 'kraft', zookeeper: [], under_replicated: 0 });
    expect(status.quorum.voters.map((v) => [v.id, v.caught_up])).toEqual([[1, true], [2, true], [3, true]]);
    expect(status.controller).toBe(status.quorum.leader);
    expect(status.brokers.map((b) => [b.id, b.registered, b.fenced, b.version])).toEqual([[1, true, false, '4.3.2'], [2, true, false, '4.3.2'], [3, true, false, '4.3.2']]);
    expect(status.features?.['kraft.version']).toBe(1); // formatted as a dynamic quorum (KIP-853)
    await guardLabAddress(lab.cluster, `${NET}.11`, { required: true });
    const { stdout } = await run('kcat', ['-b', `${NET}.11:9092`, '-L', '-J', '-m', '10']);
    expect((JSON.parse(stdout) as { brokers: Array<{ id: number }> }).brokers.map((b) => b.id).sort()).toEqual([1, 2, 3]);
    const recorded = await readClusterId(lab.cluster);
    expect(recorded).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const h of lab.cluster.hosts) {
      const meta = (await (await lab.ctx.sessions.session(h.name)).exec('cat /var/lib/kafka/data/meta.properties')).stdout;
      expect(meta, h.name).toContain(`cluster.id=${recorded}\n`);
      expect(meta, h.name).toContain(`node.id=${h.brokerId}\n`);
    }
  });

  it('a second provision changes nothing, formats nothing and keeps every pid', async () => {
    const before = await pids();
    const report = await cli<ProvisionReport>('provision', []);
    expect(report).toMatchObject({ ok: true, changed: 0, restarted: [], started: [] });
    expect(report.hosts.flatMap((h) => h.changes)).toEqual([]);
    expect(await pids()).toEqual(before);
  });

  it('verify: the quorum checks, every broker, the topic round trip', async () => {
    const report = await cli<VerifyReport>('verify', []);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    const names = report.checks.map((c) => c.name);
    expect(names.slice(0, 4)).toEqual(['kraft quorum has a leader', 'controller 1 (node01) in the quorum', 'controller 2 (node02) in the quorum', 'controller 3 (node03) in the quorum']);
    expect(names).not.toContain('controller elected'); // a KRaft broker names a random broker there
    expect(report.checks.find((c) => c.name === 'stored gzip')!.detail).toMatch(/gzip batch/);
  });

  it('perf: Kafka 4\'s ProducerPerformance on a broker host, logging through log4j2', async () => {
    const report = await cli<PerfReport>('perf', ['--records', '20000', '--record-size', '1024']);
    expect(report).toMatchObject({ records: 20000, partitions: 3, replication_factor: 3, topic_deleted: true });
    expect(report.records_per_sec).toBeGreaterThan(0);
    expect(report.command).toMatch(/ -Dlog4j2\.configurationFile=\/opt\/kafka\/config\/tools-log4j2\.properties .* org\.apache\.kafka\.tools\.ProducerPerformance /);
  });

  it('a SIGKILL of the active controller: a new leader, acks=all sends keep being acknowledged, start-cluster brings it back', async () => {
    const quorum = quorumOf(lab.cluster);
    const leader = (await quorum.read(lab.ctx)).leader!;
    await underLoad(client, TOPIC, async (producer) => {
      await (await lab.ctx.sessions.session(leader.host.name)).exec(killServiceCommand(leader.service));
      const moved = await poll(() => quorum.read(lab.ctx), { deadlineMs: 60_000, intervalMs: 500, describe: 'a new quorum leader', until: (s) => s.leader !== null && s.leader.name !== leader.name });
      log(`leader ${leader.name} killed; new leader ${moved.leader!.name}`);
      await producer.progress(20, 90_000); // acks go on while the old leader is down
      await startCluster(lab.ctx);
    });
    await healthy();
  });

  it('restart-cluster rolls the followers first and the leader last, with no failed acks=all send', async () => {
    const before = await pids();
    const report = await underLoad(client, TOPIC, () => cli<RestartReport>('restart-cluster', []));
    expect(report.restarted).toHaveLength(3);
    expect(leaderLastProblems(report.restarted, report, ['follower', 'leader'])).toEqual([]);
    const after = await pids();
    for (const p of Object.keys(before)) expect(after[p], p).not.toBe(before[p]);
    expect(await clusterStatus(lab.ctx)).toMatchObject({ ok: true, under_replicated: 0 });
  });

  it('finalize-upgrade is refused while a process still runs the old release', async () => {
    writeFileSync(lab.inventory, labInventoryText({ ...OPTIONS, clusterName: OPTIONS.name, version: '4.4.0' }));
    const r = await runNpm('finalize-upgrade', ['--inventory', lab.inventory]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not every process runs Kafka 4\.4\.0 yet \(node01\/kafka runs 4\.3\.2, node02\/kafka runs 4\.3\.2, node03\/kafka runs 4\.3\.2\)/);
  });

  it('an upgrade 4.3.2 -> 4.4.0 rolls one process at a time under load; finalize raises metadata.version and leaves kraft.version', async () => {
    const report = await underLoad(client, TOPIC, () => cli<ProvisionReport>('provision', []));
    expect(report.restarted).toHaveLength(3);
    expect(leaderLastProblems(report.restarted, report, ['follower', 'leader'])).toEqual([]);
    const upgraded = await healthy();
    expect(upgraded.brokers.map((b) => b.version)).toEqual(['4.4.0', '4.4.0', '4.4.0']);
    const before = upgraded.features!;
    const dry = await cli<FinalizeReport>('finalize-upgrade', ['--dry-run']);
    expect(dry.features).toEqual([{ name: 'metadata.version', from: before['metadata.version'], to: expect.any(Number), state: 'would raise' }]);
    expect((await clusterStatus(lab.ctx)).features).toEqual(before); // a dry run changes nothing
    const finalized = await cli<FinalizeReport>('finalize-upgrade', []);
    expect(finalized.features).toEqual([{ name: 'metadata.version', from: before['metadata.version'], to: dry.features[0]!.to, state: 'raised' }]);
    expect(finalized.features[0]!.to).toBeGreaterThan(before['metadata.version']!);
    const after = (await clusterStatus(lab.ctx)).features!;
    expect(after['metadata.version']).toBe(finalized.features[0]!.to);
    expect(after['kraft.version']).toBe(before['kraft.version']);
    const again = await cli<FinalizeReport>('finalize-upgrade', []);
    expect(again.features.map((f) => f.state)).toEqual(['already']);
  });

  // one stop and start for both: a stopped cluster is also where a foreign data folder is met
  it('stop leaves no JVM on any host; a data folder formatted for another cluster is refused and left as it was; start again keeps the data', async () => {
    let admin = await client.admin();
    const offsetsBefore = await admin.topicOffsets(TOPIC);
    await admin.disconnect();
    expect(offsetsBefore.reduce((n, o) => n + o.high, 0)).toBeGreaterThan(0);
    const stopped = await stopCluster(lab.ctx);
    expect(stopped.brokers.map((o) => o.result)).toEqual(['stopped', 'stopped', 'stopped']);
    for (const h of lab.cluster.hosts) {
      const { stdout } = await (await lab.ctx.sessions.session(h.name)).exec('ps -eo comm= | grep -c "^java$" || true');
      expect(`${h.name}: ${stdout.trim()}`).toBe(`${h.name}: 0`);
    }

    const session = await lab.ctx.sessions.session('node03');
    const meta = '/var/lib/kafka/data/meta.properties';
    const original = (await session.exec(`cat ${meta}`)).stdout;
    const foreign = original.replace(/^cluster\.id=.*$/m, 'cluster.id=AAAAAAAAAAAAAAAAAAAAAQ');
    await session.exec(`printf '%s' '${foreign}' > ${meta}`);
    try {
      const r = await runNpm('provision', ['--inventory', lab.inventory]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/preflight failed, nothing was changed:\n {2}node03\/kafka: \/var\/lib\/kafka\/data is formatted for cluster AAAAAAAAAAAAAAAAAAAAAQ, and this cluster is [A-Za-z0-9_-]{22} \(.*cluster\.id\); refusing to use or overwrite it/);
      expect((await session.exec(`cat ${meta}`)).stdout).toBe(foreign);
      expect(Object.values(await pids())).toEqual([null, null, null]);
    } finally {
      await session.exec(`printf '%s' '${original}' > ${meta}`);
    }

    await startCluster(lab.ctx);
    await healthy();
    admin = await client.admin();
    try {
      expect(await admin.topicOffsets(TOPIC)).toEqual(offsetsBefore);
    } finally {
      await admin.disconnect();
    }
  });
});

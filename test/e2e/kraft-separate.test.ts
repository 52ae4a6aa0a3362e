// KRaft with dedicated controllers: three controller processes beside three brokers on three
// lab hosts (192.168.65.0/24), one cluster for the whole file, torn down in afterAll whatever
// happened. From nothing to healthy on Kafka 4.4.0; a second provision changes nothing; acks=all
// sends keep being acknowledged across a SIGKILL of the active controller; stop leaves no JVM
// (brokers first) and start keeps the data. The combined topology, its rolling restart and its
// upgrade: test/e2e/kraft.test.ts; the roll of dedicated controllers beside brokers (controllers,
// leader last, then brokers) is the upgrade after the migration in test/e2e/migration.test.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { killServiceCommand } from '../../src/acceptance/kill-command.js';
import { startCluster, stopCluster } from '../../src/cluster/lifecycle.js';
import type { ProvisionReport } from '../../src/cluster/provision.js';
import { quorumOf } from '../../src/cluster/quorum/index.js';
import { clusterStatus } from '../../src/cluster/status.js';
import { poll } from '../../src/core/poll.js';
import { sumOf } from '../../src/metrics/exposition.js';
import { scrapeProcess } from '../../src/metrics/scrape.js';
import { createKafkaClient, type KafkaClientPort } from '../../src/kafka/index.js';
import { underLoad } from '../support/acks-producer.js';
import { labChecks } from '../support/lab-checks.js';
import { labCluster, type LabClusterOptions } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';

const TOPIC = 'separate-acks';
const OPTIONS: LabClusterOptions = { name: 'kraft-separate', net: '192.168.65', topology: 'separate', kafkaHeap: '320m', controllerHeap: '192m' };
const log = (line: string) => process.stderr.write(`[kraft-separate] ${line}\n`);

describeIf(missingRoot(), 'KRaft: dedicated controllers beside brokers on lab hosts', () => {
  const lab = labCluster(OPTIONS);
  let client: KafkaClientPort;
  const { cli, pids, healthy, createTopic } = labChecks(lab);

  beforeAll(async () => {
    await lab.up(log);
    client = createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), logLevel: 'nothing' });
    await createTopic(client, TOPIC);
  }, 900_000);
  afterAll(() => lab.down(), 300_000);

  it('from nothing to healthy: three voters caught up, three brokers unfenced; a second provision changes nothing', async () => {
    const status = await clusterStatus(lab.ctx);
    expect(status, JSON.stringify(status)).toMatchObject({ ok: true, mode: 'kraft', under_replicated: 0 });
    expect(status.quorum.voters.map((v) => [v.id, v.host, v.caught_up])).toEqual([[1, 'node01', true], [2, 'node02', true], [3, 'node03', true]]);
    expect(status.brokers.map((b) => [b.id, b.registered, b.fenced])).toEqual([[11, true, false], [12, true, false], [13, true, false]]);
    expect(status.processes.map((p) => [p.name, p.roles.join('+')])).toEqual([
      ['node01/controller', 'controller'], ['node01/kafka', 'broker'], ['node02/controller', 'controller'], ['node02/kafka', 'broker'], ['node03/controller', 'controller'], ['node03/kafka', 'broker'],
    ]);
    // the JMX exporters: controllers on 7072 agree on one active controller and the quorum leader; brokers on 7071
    const { cluster } = lab;
    const controllers = await Promise.all(cluster.processes.filter((p) => p.service === 'controller').map((p) => scrapeProcess(cluster, p)));
    expect(controllers.map((m) => sumOf(m, 'kafka_controller_kafkacontroller_activecontrollercount')).sort()).toEqual([0, 0, 1]);
    expect(new Set(controllers.map((m) => sumOf(m, 'kafka_server_raft_current_leader'))).size).toBe(1);
    expect(controllers.map((m) => sumOf(m, 'kafka_controller_kafkacontroller_activebrokercount'))).toEqual([3, 3, 3]); // each replays the metadata
    const brokers = await Promise.all(cluster.processes.filter((p) => p.service === 'kafka').map((p) => scrapeProcess(cluster, p)));
    expect(brokers.map((m) => sumOf(m, 'kafka_server_replicamanager_underreplicatedpartitions'))).toEqual([0, 0, 0]);
    const before = await pids();
    expect(await cli<ProvisionReport>('provision')).toMatchObject({ ok: true, changed: 0, restarted: [], started: [] });
    expect(await pids()).toEqual(before);
  });

  it('a SIGKILL of the active controller: a new leader, acks=all sends keep being acknowledged, start-cluster brings it back', async () => {
    const quorum = quorumOf(lab.cluster);
    const leader = (await quorum.read(lab.ctx)).leader!;
    expect(leader.service).toBe('controller');
    await underLoad(client, TOPIC, async (producer) => {
      await (await lab.ctx.sessions.session(leader.host.name)).exec(killServiceCommand('controller'));
      await poll(() => quorum.read(lab.ctx), { deadlineMs: 60_000, intervalMs: 500, describe: 'a new quorum leader', until: (s) => s.leader !== null && s.leader.name !== leader.name });
      await producer.progress(20, 60_000);
      const started = await startCluster(lab.ctx);
      expect(started.controllers.find((o) => o.host === leader.host.name)?.result).toBe('started');
    });
    await healthy();
  });

  // the roll's order here (controllers: followers, then the leader; then the brokers) is proven
  // under load by the migrated cluster's upgrade in migration.test.ts, a cluster of this shape;
  // restart-cluster's own path, by kraft.test.ts

  it('stop: brokers first, then the controllers; no JVM is left; start again keeps the data', async () => {
    let admin = await client.admin();
    const offsetsBefore = await admin.topicOffsets(TOPIC);
    await admin.disconnect();
    const stopped = await stopCluster(lab.ctx);
    expect([...stopped.controllers, ...stopped.brokers].every((o) => o.result === 'stopped')).toBe(true);
    for (const h of lab.cluster.hosts) {
      const { stdout } = await (await lab.ctx.sessions.session(h.name)).exec('ps -eo comm= | grep -c "^java$" || true');
      expect(`${h.name}: ${stdout.trim()}`).toBe(`${h.name}: 0`);
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

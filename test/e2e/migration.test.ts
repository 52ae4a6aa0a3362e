// A live migration from ZooKeeper to KRaft on lab hosts (192.168.59.0/24), one cluster for the
// whole file, torn down in afterAll whatever happened: a secured ZooKeeper-mode cluster as a new
// inventory gets it (Kafka 3.9, three hosts each with a ZooKeeper server and a broker), whose
// migration inventory adds a dedicated controller on each host. First the way back: migrate
// --until dual-write, then --rollback, under an acks=all producer: no send fails, the cluster is
// a healthy ZooKeeper-mode cluster with all its data, the inventory without controllers
// provisions it with no change, and /controller is a broker's again. Then the way forward under
// the acceptance test's producer and popularity job, as users made for the run (their SCRAM
// credentials and ACLs migrate with the cluster): migrate killed with SIGKILL in the middle of
// the dual-write roll and run again, which continues from where the hosts are (the brokers whose
// new config was written but not yet in use are rolled); the KRaft form it writes provisions the
// cluster with no change; the upgrade to Kafka 4.4.0 and finalize-upgrade follow, still under
// load. The acceptance check holds exactly at the end, with no failed acks=all send; a rollback,
// and a provision with the inventory from before, are then refused, and ZooKeeper is left
// stopped and disabled with its data.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProvisionReport } from '../../src/cluster/provision.js';
import { sh } from '../../src/core/shell.js';
import { readProcesses } from '../../src/facts/run.js';
import { createKafkaClient, type KafkaClientPort } from '../../src/kafka/index.js';
import type { MigrateCommandReport } from '../../src/migration/cli.js';
import { servicePaths } from '../../src/render/layout.js';
import { brokerClientSecurity, clusterSecrets } from '../../src/security/cluster-secrets.js';
import { runAcceptance } from '../../src/acceptance/run.js';
import type { FinalizeReport } from '../../src/cluster/finalize.js';
import { expectExact } from '../support/acceptance-checks.js';
import { underLoad } from '../support/acks-producer.js';
import { labChecks } from '../support/lab-checks.js';
import { LAB_TEST_JVM_OPTIONS, jvmOptionsYaml, labCluster } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { leaderLastProblems } from '../support/roll-order.js';
import { jsonOf, REPO, runNpm, startCommand } from '../support/run-command.js';

const TOPIC = 'before-migration';
const log = (line: string) => process.stderr.write(`[migration] ${line}\n`);

describeIf(missingRoot(), 'a live migration from ZooKeeper to KRaft: rollback from dual-write, then a killed and resumed migration and the upgrade to 4.4.0 under the acceptance test', () => {
  const lab = labCluster({ name: 'migration', net: '192.168.59', topology: 'zookeeper', security: 'secure', kafkaHeap: '320m' });
  const { cli, healthy, createTopic } = labChecks(lab);
  let admin: KafkaClientPort;
  let migrateInventory: string;
  const kraftInventory = () => join(lab.dir, 'kraft.yaml');
  const npm = async <T>(name: string, args: string[], code = 0): Promise<T> => {
    const r = await runNpm(name, ['--json', ...args]);
    expect(r.code, r.stderr.slice(-3000)).toBe(code);
    return jsonOf<T>(r, `npm run ${name}`);
  };
  const offsets = async (): Promise<number[]> => {
    const a = await admin.admin();
    try {
      return (await a.topicOffsets(TOPIC)).map((o) => Number(o.high)).sort();
    } finally {
      await a.disconnect();
    }
  };
  /** zookeeper-shell on a broker's host, as the broker, over ZooKeeper's TLS port */
  const zkGet = async (path: string): Promise<string> => {
    const session = await lab.ctx.sessions.session('node01');
    const { stdout, stderr } = await session.exec(
      sh`KAFKA_HEAP_OPTS=-Xmx64m setpriv --reuid=kafka --regid=kafka --init-groups -- /opt/kafka/bin/kafka-run-class.sh org.apache.zookeeper.ZooKeeperMainWithTlsSupportForKafka -zk-tls-config-file ${servicePaths('kafka').config} -server ${lab.cluster.zookeeperConnect} get ${path}`,
      { describe: `zookeeper-shell get ${path}`, timeoutMs: 60_000, check: false },
    );
    return `${stdout}\n${stderr}`;
  };

  beforeAll(async () => {
    await lab.up(log);
    // the migration inventory: the same cluster, with a dedicated controller beside each broker
    migrateInventory = join(lab.dir, 'migrate.yaml');
    const text = readFileSync(lab.inventory, 'utf8');
    writeFileSync(migrateInventory, text
      .replace(/^(  zookeeper: .*)$/m, `$1\n  controller: { port: 9093, heap: 256m${jvmOptionsYaml(LAB_TEST_JVM_OPTIONS)} }`)
      .replace(/broker_id: (\d) \}/g, (_m, id: string) => `broker_id: ${id}, controller_id: ${3001 + Number(id)} }`));
    const secrets = (await clusterSecrets(lab.cluster))!;
    admin = createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), logLevel: 'nothing', retries: 5, security: brokerClientSecurity(secrets) });
    await createTopic(admin, TOPIC);
  }, 900_000);
  afterAll(() => lab.down(), 300_000);

  it('bad input is refused before anything connects, with exit 2', async () => {
    const plain = await runNpm('migrate', ['--inventory', lab.inventory]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/hosts: no controller to migrate to: give the hosts of the new KRaft controllers a controller_id/);
    const provision = await runNpm('provision', ['--inventory', migrateInventory]);
    expect(provision.code).toBe(2);
    expect(provision.stderr).toMatch(/hosts\[0\]\.controller_id: a KRaft controller in a ZooKeeper-mode inventory: the target of a migration to KRaft, which only npm run migrate takes/);
    const both = await runNpm('migrate', ['--inventory', migrateInventory, '--rollback', '--until', 'controllers']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--rollback takes neither --until nor --write-inventory/);
    const phase = await runNpm('migrate', ['--inventory', migrateInventory, '--until', 'dual']);
    expect(phase.code).toBe(2);
    expect(phase.stderr).toMatch(/--until dual: no such phase; the phases are controllers, dual-write, kraft-brokers, finalize, zookeeper-off/);
  });

  it('--until dual-write, then --rollback: a healthy ZooKeeper-mode cluster with all its data, no acks=all send failed', async () => {
    const before = await offsets();
    await underLoad(admin, TOPIC, async () => {
      const soak = await npm<MigrateCommandReport>('migrate', ['--inventory', migrateInventory, '--until', 'dual-write']);
      expect([soak.from, soak.stage, soak.migration_state]).toEqual(['zookeeper', 'dual-write', 'MIGRATION']);
      expect(soak.phases.map((p) => [p.name, p.state])).toEqual([['controllers', 'done'], ['dual-write', 'done'], ['kraft-brokers', 'not run'], ['finalize', 'not run'], ['zookeeper-off', 'not run']]);
      expect(soak.kraft_inventory).toBeNull();
      expect(await zkGet('/migration')).toMatch(/"kraft_metadata_offset":\d+/);
      log(`until dual-write: ${soak.phases.map((p) => `${p.name} ${p.state} ${((p.ms ?? 0) / 1000).toFixed(1)} s`).join(', ')}`);
      const back = await npm<MigrateCommandReport>('migrate', ['--inventory', migrateInventory, '--rollback']);
      log(`rollback: ${back.phases.map((p) => `${p.name} ${p.state} ${((p.ms ?? 0) / 1000).toFixed(1)} s`).join(', ')}`);
      expect([back.from, back.stage]).toEqual(['dual-write', 'zookeeper']);
      expect(back.phases.map((p) => [p.name, p.state])).toEqual([['brokers-to-dual-write', 'already'], ['controllers-off', 'done'], ['brokers-to-zookeeper', 'done'], ['controller-metadata', 'done']]);
      expect(back.phases[1]!.detail).toMatch(/deleted \/controller \(.*"kraftControllerEpoch".*\) and \/migration/);
    });
    // the data written before is all there, and more was acknowledged under the migration and back
    const after = await offsets();
    after.forEach((o, i) => expect(o).toBeGreaterThanOrEqual(before[i]!));
    expect((await healthy()).ok).toBe(true);
    expect(await zkGet('/controller')).toMatch(/"brokerid":[0-2],/); // a broker is the controller again
    expect(await zkGet('/migration')).toMatch(/Node does not exist: \/migration/);
    // the inventory without controllers describes the cluster exactly: nothing to change
    const dry = await cli<ProvisionReport>('provision', ['--dry-run']);
    expect(dry.changed).toBe(0);
    const controller = await (await lab.ctx.sessions.session('node01')).exec(sh`ls -A /var/lib/kafka-controller 2>/dev/null; test -e /etc/kafka-controller/server.properties && echo config`, { check: false });
    expect(controller.stdout.trim()).toBe('');
  }, 900_000);

  it('under the acceptance test: migrate killed in the dual-write roll and run again to the end, the KRaft form provisioned as it is, then the upgrade to 4.4.0 and finalize; exact, no failed send', async () => {
    const seen: Record<string, unknown> = {};
    const during = async (): Promise<void> => {
      // killed after the first broker came back in migration mode: the others' new config is written, not yet in use
      const first = startCommand(process.execPath, ['scripts/run.mjs', 'migrate', '--inventory', migrateInventory, '--json'], { cwd: REPO, detached: true });
      const deadline = Date.now() + 300_000;
      while (!/moving .*zookeeper -> dual-write[\s\S]*kafka restarted \(pid \d+\), gates passed/.test(first.output().stderr)) {
        if (Date.now() > deadline) throw new Error(`migrate never reached the dual-write roll:\n${first.output().stderr.slice(-2000)}`);
        if (first.exited()) throw new Error(`migrate ended before the dual-write roll:\n${first.output().stderr.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      log(`migrate killed in the dual-write roll after ${Math.round((Date.now() - deadline + 300_000) / 1000)} s`);
      first.kill('SIGKILL');
      const killed = await first.done;
      seen.killed = { signal: killed.signal, stdout: killed.stdout };
      const rerun = await runNpm('migrate', ['--json', '--inventory', migrateInventory, '--write-inventory', kraftInventory()]);
      if (rerun.code !== 0) throw new Error(`migrate again exited ${rerun.code}: ${rerun.stderr.slice(-2000)}`);
      seen.rerun = jsonOf<MigrateCommandReport>(rerun, 'npm run migrate');
      log(`migrate again: ${(seen.rerun as MigrateCommandReport).phases.map((p) => `${p.name} ${p.state} ${((p.ms ?? 0) / 1000).toFixed(1)} s`).join(', ')}`);
      seen.asIs = jsonOf<ProvisionReport>(await runNpm('provision', ['--json', '--inventory', kraftInventory()]), 'npm run provision');
      log(`provision of the KRaft form: ${(seen.asIs as ProvisionReport).elapsed_ms} ms`);
      const upgraded = join(lab.dir, 'kraft-4.4.yaml');
      writeFileSync(upgraded, readFileSync(kraftInventory(), 'utf8').replace('mode: kraft', 'version: "4.4.0", mode: kraft'));
      seen.upgrade = jsonOf<ProvisionReport>(await runNpm('provision', ['--json', '--inventory', upgraded]), 'npm run provision (4.4.0)');
      log(`upgrade to 4.4.0: ${(seen.upgrade as ProvisionReport).elapsed_ms} ms`);
      seen.finalize = jsonOf<FinalizeReport>(await runNpm('finalize-upgrade', ['--json', '--inventory', upgraded]), 'npm run finalize-upgrade');
    };
    const r = await runAcceptance(lab.cluster, { messages: 3000, rate: 100, seed: 5, chaosAt: 0.1, ctx: lab.ctx, during, log: (l) => log(`[acceptance] ${l}`) });
    expectExact(r, 'none', { atLeast: 3000 });
    expect([r.in_doubt, r.producer.failed_attempts], JSON.stringify(r.producer.send_errors)).toEqual([0, 0]); // no acks=all send failed, none was left in doubt
    log(`operation ${r.timings.operation_ms} ms under load; longest gap between acks ${r.timings.max_ack_gap_ms} ms`);
    expect(seen.killed).toMatchObject({ signal: 'SIGKILL', stdout: '' });
    const rerun = seen.rerun as MigrateCommandReport;
    expect([rerun.from, rerun.stage, rerun.migration_state]).toEqual(['controllers', 'kraft', 'POST_MIGRATION']);
    expect(rerun.phases.map((p) => [p.name, p.state])).toEqual([['controllers', 'already'], ['dual-write', 'done'], ['kraft-brokers', 'done'], ['finalize', 'done'], ['zookeeper-off', 'done']]);
    // the two brokers left behind had their new config on disk already: rolled because they ran an older one
    expect(rerun.phases[1]!.detail).toMatch(/rolled node0\d\/kafka, node0\d\/kafka$/);
    expect(rerun.inventory_written).toBe(kraftInventory());
    const asIs = seen.asIs as ProvisionReport;
    expect([asIs.changed, asIs.restarted, asIs.started]).toEqual([0, [], []]);
    const upgrade = seen.upgrade as ProvisionReport;
    expect(upgrade.restarted).toHaveLength(6); // the controllers first, the active one last, then the brokers
    expect(upgrade.restarted.map((p) => p.split('/')[1])).toEqual(['controller', 'controller', 'controller', 'kafka', 'kafka', 'kafka']);
    expect(leaderLastProblems(upgrade.restarted.slice(0, 3), upgrade, ['follower', 'leader'])).toEqual([]);
    expect((seen.finalize as FinalizeReport).features.map((f) => [f.name, f.state])).toEqual([['metadata.version', 'raised']]);
    // finalized: the way back is refused, saying why, before anything changes
    const back = await runNpm('migrate', ['--inventory', migrateInventory, '--rollback']);
    expect(back.code, back.stderr).toBe(2);
    expect(back.stderr).toMatch(/migrate --rollback: the controllers node01\/controller, node02\/controller, node03\/controller already run without ZooKeeper \(the migration was finalized\).*cannot revert/);
    // and the inventory from before the migration is refused in preflight, nothing changed
    const old = await runNpm('provision', ['--inventory', lab.inventory]);
    expect(old.code, old.stderr).toBe(1);
    expect(old.stderr).toMatch(/preflight failed, nothing was changed:\n {2}node01, node02, node03: the cluster was migrated to KRaft \(npm run migrate/);
    // ZooKeeper stays stopped and disabled, its data kept
    for (const host of ['node01', 'node02', 'node03']) {
      const session = await lab.ctx.sessions.session(host);
      expect((await readProcesses(session)).zookeeper.running).toBe(false);
      const zk = await session.exec(sh`test -x /opt/kafka-cluster/bin/zookeeper-service.sh && echo executable; test -d /var/lib/zookeeper/version-2 && echo data`, { check: false });
      expect(zk.stdout.trim()).toBe('data');
    }
  }, 1_500_000);
});

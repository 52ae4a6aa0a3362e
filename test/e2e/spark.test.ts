// The seed's whole system on lab hosts, 192.168.68.0/24, one cluster for the whole file, torn
// down in afterAll whatever happened: ZooKeeper and Kafka 3.9 as in the default inventory,
// secured as a new inventory gets it (TLS, SCRAM users, ACLs), plus a Spark standalone master and
// three workers provisioned from the same inventory. Provisioned
// and started behind the Spark gates (master ALIVE, every worker registered); the checkpoint
// folder shared by every host; a second provision changes nothing; preflight refuses a checkpoint
// folder that is not shared and a namenode that no host reaches; the seed's job submitted to
// the Spark cluster (npm run popularity -- --engine spark --user U, U made with --spark-job)
// equals the oracle exactly and its dead-letter topic holds every malformed message, its password
// on no command line and in no log, its settings file gone with the job; the acceptance test with the Spark engine
// exact under kill-driver (mid-stream, resubmitted from the checkpoint) and kill-executor (Kafka's
// own faults: the TypeScript engine's files); restart-cluster --only takes the Spark workers and
// then the master, each worker registering anew, Kafka untouched; a stop takes Spark down first
// and leaves no JVM, a second stop finds everything stopped, and start keeps the data.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChaosMode } from '../../src/acceptance/chaos-mode.js';
import { runAcceptance } from '../../src/acceptance/run.js';
import { expectExact } from '../support/acceptance-checks.js';
import { driverPaths, sparkJobPid, stopSparkJob } from '../../src/cluster/spark-job.js';
import { sh } from '../../src/core/shell.js';
import { adminSecrets, brokerClientSecurity } from '../../src/security/cluster-secrets.js';
import { userPassword } from '../../src/security/user-files.js';
import type { SparkRun } from '../../src/cluster/spark-run.js';
import { poll } from '../../src/core/poll.js';
import { createKafkaClient, readTopic, type KafkaClientPort } from '../../src/kafka/index.js';
import { diffPopularity, popularityOf } from '../../src/popularity/oracle.js';
import { readPopularity } from '../../src/popularity/output.js';
import type { LifecycleReport, RestartReport } from '../../src/cluster/lifecycle.js';
import type { ProvisionReport } from '../../src/cluster/provision.js';
import { readSparkMaster } from '../../src/cluster/spark.js';
import type { StatusReport } from '../../src/cluster/status.js';
import { labChecks } from '../support/lab-checks.js';
import { labCluster } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { runNpm } from '../support/run-command.js';

const NET = '192.168.68';
const TOPIC = 'clicks';
const [WRITER, JOB_USER] = ['clicks-writer', 'clicks-spark'];
const MALFORMED = ['', 'page1|2|3', 'page2|x|1.5|1', '|1|1.5|1', 'page3|1|1.5|7'];
const log = (line: string) => process.stderr.write(`[spark] ${line}\n`);

describeIf(missingRoot(), 'Spark beside Kafka on lab hosts', () => {
  const lab = labCluster({ name: 'spark-e2e', net: NET, spark: true, security: 'secure', kafkaHeap: '384m' });
  const { cli, pids, healthy, createTopic } = labChecks(lab);
  let client: KafkaClientPort;

  beforeAll(async () => {
    await lab.up(log);
    // the test's own view as the admin; produce and the job connect as users of their own
    client = createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), logLevel: 'nothing', security: brokerClientSecurity((await adminSecrets(lab.cluster))!) });
    await createTopic(client, TOPIC);
    await cli('user', ['add', WRITER, '--topic', TOPIC, '--write']);
    await cli('user', ['add', JOB_USER, '--spark-job', TOPIC]);
  }, 900_000);
  afterAll(async () => {
    try {
      if (lab.cluster.processes.length > 0) await stopSparkJob(lab.ctx, TOPIC).catch(() => null);
    } finally {
      await lab.down();
    }
  }, 300_000);

  /** The job's output equals the oracle over everything in the input topic, and every malformed message is dead-lettered. */
  const exact = () =>
    poll(
      async () => {
        const input = await readTopic(client, TOPIC, { timeoutMs: 60_000 });
        const oracle = popularityOf(input.records.map((r) => r.value));
        const output = await readPopularity(client, `${TOPIC}-popularity`);
        const dlq = await readTopic(client, `${TOPIC}-dlq`, { timeoutMs: 60_000 });
        const dead = new Set(dlq.records.map((r) => `${r.headers['dlq.partition']}:${r.headers['dlq.offset']}`));
        return { records: input.records.length, pages: oracle.final.size, diff: diffPopularity(oracle.final, output), output: output.size, malformed: oracle.malformed, dead: dead.size };
      },
      {
        deadlineMs: 240_000,
        intervalMs: 3000,
        describe: 'the Spark job equal to the oracle',
        until: (v) => v.diff.length === 0 && v.output === v.pages && v.dead === v.malformed,
        show: (v) => JSON.stringify({ ...v, diff: v.diff.slice(0, 3) }),
      },
    );
  const produce = (count: number, extra: string[] = []) =>
    cli('produce', ['--topic', TOPIC, '--count', String(count), '--seed', String(count + extra.length), '--user', WRITER]).then(async () => {
      if (extra.length === 0) return;
      const producer = await client.producer();
      try {
        await producer.send(TOPIC, extra.map((value, i) => ({ key: `bad${i}`, value })));
      } finally {
        await producer.disconnect();
      }
    });

  it('from nothing to healthy: the master ALIVE, three workers registered, the checkpoint folder shared', async () => {
    const status = await cli<StatusReport>('status', ['--check']);
    expect(status.spark, JSON.stringify(status.spark)).toMatchObject({
      master_url: 'spark://node01:7077',
      web_ui: `http://${NET}.11:8080/`,
      master_status: 'ALIVE',
      problems: [],
    });
    expect(status.spark!.workers.map((w) => [w.host, w.state, w.cores, w.memory_mb])).toEqual([
      ['node01', 'ALIVE', 1, 768], ['node02', 'ALIVE', 1, 768], ['node03', 'ALIVE', 1, 768],
    ]);
    expect(status.processes.filter((p) => p.service.startsWith('spark')).map((p) => [p.name, p.version, p.pid !== null])).toEqual([
      ['node01/spark-master', '4.2.0', true], ['node01/spark-worker', '4.2.0', true], ['node02/spark-worker', '4.2.0', true], ['node03/spark-worker', '4.2.0', true],
    ]);
    // one folder for all: what one host writes, the others read
    const [a, b] = [await lab.ctx.sessions.session('node02'), await lab.ctx.sessions.session('node03')];
    await a.exec("su -s /bin/sh kafka -c 'echo from-node02 > /srv/kcp-shared/spark-checkpoints/e2e-probe'");
    expect((await b.exec('stat -c %U /srv/kcp-shared/spark-checkpoints; cat /srv/kcp-shared/spark-checkpoints/e2e-probe')).stdout).toBe('kafka\nfrom-node02\n');
  });

  it('a second provision changes nothing and keeps every pid', async () => {
    const before = await pids();
    const report = await cli<ProvisionReport>('provision', []);
    expect(report).toMatchObject({ ok: true, changed: 0, restarted: [], started: [] });
    expect(report.hosts.flatMap((h) => h.changes)).toEqual([]);
    expect(report.spark_dist?.path).toMatch(/spark_2\.13-4\.2\.0\.tgz$/);
    expect(await pids()).toEqual(before);
  });

  it('preflight: a checkpoint folder that is not shared, or a namenode no host reaches, is named per host, and nothing changes', async () => {
    const before = await pids();
    const withCheckpoints = (dir: string): string => {
      const file = join(dirname(lab.inventory), 'inventory-checkpoints.yaml');
      const text = readFileSync(lab.inventory, 'utf8');
      if (!text.includes('heap: 192m')) throw new Error('the lab inventory has no Spark settings to edit');
      writeFileSync(file, text.replace('heap: 192m', `heap: 192m, checkpoint_dir: "${dir}"`));
      return file;
    };
    // /opt is a disk of each lab host's own: what node01 writes there, node02 and node03 do not see
    const local = await runNpm('provision', ['--inventory', withCheckpoints('/opt/kcp-checkpoints')]);
    expect(local.code, local.stderr).toBe(1);
    expect(local.stderr).toContain('preflight failed, nothing was changed:');
    for (const host of ['node02', 'node03']) {
      expect(local.stderr).toContain(`${host}: cluster.spark.checkpoint_dir: /opt/kcp-checkpoints is not shared storage: the file node01 wrote into /opt (the deepest folder of /opt/kcp-checkpoints that node01 has) is missing here`);
    }
    expect(local.stderr).not.toContain('node01: cluster.spark');
    const node01 = await lab.ctx.sessions.session('node01');
    expect((await node01.exec("ls -A /opt | grep -E '^(\\.kcp-shared-check|kcp-checkpoints)' || true")).stdout).toBe(''); // check file removed, no folder made
    // HDFS: every Spark host must reach the namenode (port 9 of node01 is closed); a dry run checks it too
    const hdfs = await runNpm('provision', ['--inventory', withCheckpoints('hdfs://node01:9/ckpt'), '--dry-run']);
    expect(hdfs.code, hdfs.stderr).toBe(1);
    for (const [i, host] of ['node01', 'node02', 'node03'].entries()) {
      expect(hdfs.stderr).toContain(`${host}: cluster.spark.checkpoint_dir: hdfs://node01:9/ckpt: the namenode node01:9 does not accept connections from ${NET}.1${i + 1}`);
    }
    expect(await pids()).toEqual(before);
  });

  it("the seed's job on Spark, submitted and stopped as a user types it: equal to the oracle, every malformed message dead-lettered", async () => {
    await produce(6000, MALFORMED);
    const refused = await runNpm('popularity', ['--inventory', lab.inventory, '--engine', 'spark', '--topic', TOPIC, '--detach']);
    expect(refused.code).toBe(2); // a secured cluster: the job connects as a user, never as the admin
    expect(refused.stderr).toContain(`give --user NAME, made with npm run user -- add NAME --spark-job ${TOPIC}`);
    const submit = ['--engine', 'spark', '--topic', TOPIC, '--detach', '--user', JOB_USER];
    const first = await cli<SparkRun>('popularity', submit);
    expect(first.job).toMatchObject({ host: 'node01', started: true, checkpoint: `/srv/kcp-shared/spark-checkpoints/${TOPIC}`, web_ui: `http://${NET}.11:8080/` });
    const again = await cli<SparkRun>('popularity', submit);
    expect(again.job).toMatchObject({ pid: first.job!.pid, started: false }); // one driver per topic
    expect(await exact()).toMatchObject({ records: 6000 + MALFORMED.length, malformed: MALFORMED.length, pages: 100 });
    expect((await cli<StatusReport>('status')).spark?.applications.map((a) => [a.name, a.state])).toEqual([[`popularity ${TOPIC}`, 'RUNNING']]);
    // the user's password: in a 0600 file of the service user on the driver's host, on no command line, in no log
    const settings = driverPaths(TOPIC).kafkaConfig;
    const password = (await userPassword(lab.cluster, JOB_USER))!.reveal();
    const node01 = await lab.ctx.sessions.session('node01');
    expect((await node01.exec(sh`stat -c '%a %U' -- ${settings}`)).stdout).toBe('600 kafka\n');
    for (const host of lab.cluster.hosts) {
      const session = await lab.ctx.sessions.session(host.name);
      // what runs, and every log a Spark process of this host writes (a worker's executors write theirs under its work folder)
      const { stdout: processes } = await session.exec('ps -eo args');
      const { stdout: logs } = await session.exec('for f in /var/log/spark-driver/* /var/log/spark-worker/* /var/log/spark-master/* $(find /var/lib/spark-worker/work -type f -name "std*"); do [ -f "$f" ] && cat -- "$f"; done; true');
      expect(processes, host.name).toContain(host.name === 'node01' ? `--kafka-config ${settings}` : 'CoarseGrainedExecutorBackend');
      if (host.name === 'node01') expect(logs).toContain(`popularity job: ${TOPIC} -> ${TOPIC}-popularity`); // the driver's log was read
      for (const [what, text] of [['command lines', processes], ['logs', logs]] as const) expect(text.includes(password), `${host.name} ${what}: the job's password`).toBe(false);
    }
    const stopped = await cli<SparkRun>('popularity', ['--engine', 'spark', '--topic', TOPIC, '--stop']);
    expect(stopped.stopped).toBe(first.job!.pid);
    expect(await sparkJobPid(lab.ctx, TOPIC)).toBeNull();
    expect((await node01.exec(sh`test -e ${settings}`, { check: false })).code).toBe(1);
  });

  // no "none": every mode checks all it would, with a fault; the fault-free job is the test above.
  // The engine's own faults only: a dead driver resumes from the checkpoint, a dead executor's
  // tasks run again (its batch's writes are made twice, as a sink retry after a broker's death
  // makes them). Kafka's faults (kill-broker, kill-host, ...) are proven with the TypeScript
  // engine in security.test.ts and security-zk.test.ts.
  it.each<ChaosMode>(['kill-driver', 'kill-executor'])('acceptance with the Spark engine, chaos %s: exact', async (chaos) => {
    const messages = 4000;
    const lines: string[] = [];
    const r = await runAcceptance(lab.cluster, { engine: 'spark', messages, rate: 800, chaos, seed: 11, ctx: lab.ctx, log: (l) => (lines.push(l), log(`acceptance ${chaos}: ${l}`)) });
    expectExact(r, chaos, messages);
    expect(r.engine).toBe('spark');
    expect(r.malformed).toBe(r.expected_malformed);
    if (chaos === 'kill-driver') {
      expect(r.job.instances).toBe(2);
      // mid-stream: the resubmitted driver resumed from a committed batch short of the end
      const resumed = Object.values(r.job.resumed_from).reduce((n, o) => n + o, 0);
      expect(resumed).toBeGreaterThan(0);
      expect(resumed).toBeLessThan(r.topic_records);
      // the new driver's top ten ranks every page, not only those updated since it started
      const restored = lines.flatMap((l) => /Spark driver instance 2: top ten restored the totals of (\d+) pages/.exec(l)?.slice(1) ?? []);
      expect(restored, lines.filter((l) => l.includes('top ten')).join('\n')).toHaveLength(1);
      expect(Number(restored[0])).toBeGreaterThan(0);
    }
    if (chaos === 'kill-executor') expect(r.chaos.steps[0]).toMatch(/^SIGKILL to Spark executor pid \d+ on node0[1-3]/);
    // nothing of the run is left: its checkpoint folder is gone with its topics
    const left = await (await lab.ctx.sessions.session('node02')).exec(`ls /srv/kcp-shared/spark-checkpoints`);
    expect(left.stdout.split('\n')).not.toContain(r.topic);
  }, 420_000);

  // Kafka's own roll in this mode is cluster.test.ts's; where Spark comes in the whole order is
  // the unit tests' (rollOrder): here only the Spark daemons roll, as typed with --only
  it('restart-cluster --only spark-worker,spark-master rolls the workers, then the master; each worker registers anew; Kafka keeps its pids', async () => {
    const before = await pids();
    const workersBefore = (await readSparkMaster(lab.ctx)).workers.filter((w) => w.state === 'ALIVE').map((w) => w.id);
    const bad = await runNpm('restart-cluster', ['--inventory', lab.inventory, '--only', 'spark']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--only: "spark" is not a kind of process; the kinds are zookeeper, controller, kafka, spark-master, spark-worker')]);
    const report = await cli<RestartReport>('restart-cluster', ['--only', 'spark-worker,spark-master']);
    expect(report.restarted).toEqual(['node01/spark-worker', 'node02/spark-worker', 'node03/spark-worker', 'node01/spark-master']);
    const after = await pids();
    for (const name of Object.keys(before)) {
      if (name.includes('/spark-')) expect(after[name], name).not.toBe(before[name]);
      else expect(after[name], name).toBe(before[name]);
    }
    const state = await readSparkMaster(lab.ctx);
    const alive = state.workers.filter((w) => w.state === 'ALIVE');
    expect(state.status).toBe('ALIVE');
    expect(alive.map((w) => w.host).sort()).toEqual(['node01', 'node02', 'node03']);
    for (const w of alive) expect(workersBefore).not.toContain(w.id);
    await healthy();
  });

  // the ZooKeeper-mode stop and start of Kafka itself too (no JVM left, a second stop finds all
  // stopped, the data kept): cluster.test.ts leaves them to this file
  it('stop takes Spark down first and leaves no JVM on any host; a second stop finds all stopped; start brings everything back behind the gates with the data', async () => {
    let admin = await client.admin();
    const offsetsBefore = await admin.topicOffsets(TOPIC);
    await admin.disconnect();
    expect(offsetsBefore.reduce((n, o) => n + o.high, 0)).toBeGreaterThan(0);
    const stopped = await cli<LifecycleReport>('stop-cluster', []);
    expect(stopped.spark.map((o) => `${o.host}/${o.service}`)).toEqual(['node01/spark-worker', 'node02/spark-worker', 'node03/spark-worker', 'node01/spark-master']);
    expect(Object.values(await pids()).every((p) => p === null)).toBe(true);
    for (const h of lab.cluster.hosts) {
      const { stdout } = await (await lab.ctx.sessions.session(h.name)).exec('ps -eo comm= | grep -c "^java$" || true');
      expect(`${h.name}: ${stdout.trim()}`).toBe(`${h.name}: 0`);
    }
    const again = await cli<LifecycleReport>('stop-cluster', []);
    expect([...again.spark, ...again.brokers, ...again.zookeeper].map((o) => o.result)).toEqual(Array(10).fill('already stopped'));
    const started = await cli<LifecycleReport>('start-cluster', []);
    expect(started.spark.map((o) => [`${o.host}/${o.service}`, o.result])).toEqual([
      ['node01/spark-master', 'started'], ['node01/spark-worker', 'started'], ['node02/spark-worker', 'started'], ['node03/spark-worker', 'started'],
    ]);
    expect((await healthy()).spark?.master_status).toBe('ALIVE');
    admin = await client.admin();
    try {
      expect(await admin.topicOffsets(TOPIC)).toEqual(offsetsBefore);
    } finally {
      await admin.disconnect();
    }
  });
});

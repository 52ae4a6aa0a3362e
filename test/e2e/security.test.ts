// A KRaft cluster of three combined nodes as a new inventory gets it, secured (192.168.69.0/24; the
// inventory says nothing of security), one cluster for the whole file, torn down in afterAll
// whatever happened: provisioned and started behind the same gates, which now speak TLS, SCRAM
// and client certificates; verify passes; clients without
// TLS, without SASL, with a wrong password, with a server name the certificate does not carry,
// and without a client certificate on the CONTROLLER listener are refused; users get only what
// they are granted, and produce, the popularity job, perf and the acceptance test work as such
// users, the acceptance test exact through every fault of the cluster (a SIGKILLed partition
// leader, a power cut of its host, a network partition of a leader's host, a SIGKILLed active
// controller; the SIGKILLed job is the engine's fault, proven once, in security-zk.test.ts); rotate-certs puts new certificates in service by a rolling restart that keeps every
// acks=all send acknowledged; no secret shows in any command line on the hosts, in their logs,
// or in the tool's output.
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProvisionReport } from '../../src/cluster/provision.js';
import { sh } from '../../src/core/shell.js';
import { DEFAULT_DIST_CACHE } from '../../src/dist/index.js';
import { hostPort } from '../../src/inventory/derive.js';
import { askFirst, createKafkaClient, readTopic, type ClientSecurity, type KafkaAdminPort, type KafkaClientPort } from '../../src/kafka/index.js';
import type { JobReport } from '../../src/popularity/report.js';
import { tlsFiles } from '../../src/render/security.js';
import { brokerClientSecurity, certificateClientSecurity, clusterSecrets, type ClusterSecrets } from '../../src/security/cluster-secrets.js';
import { Secret } from '../../src/security/secret.js';
import { userPassword } from '../../src/security/user-files.js';
import { listUsers, type AddedUser, type ListedUser, type RemovedUser } from '../../src/security/users.js';
import { runAcceptance } from '../../src/acceptance/run.js';
import { startDashboard } from '../../src/dashboard/index.js';
import { PERF_USER, perfConfigPath, type PerfReport } from '../../src/perf/run.js';
import { expectExact, expectFault } from '../support/acceptance-checks.js';
import { underLoad } from '../support/acks-producer.js';
import { labChecks } from '../support/lab-checks.js';
import { labCluster } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { runCommand, runNpm } from '../support/run-command.js';
import { presentedCertificate, sendAs, tlsRefusal } from '../support/secured-clients.js';

const TOPIC = 'secured-acks';
const ACCEPTANCE_MESSAGES = 4000;
const log = (line: string) => process.stderr.write(`[security] ${line}\n`);

describeIf(missingRoot(), 'security: secure, a KRaft cluster with TLS everywhere, SCRAM clients and deny-by-default ACLs', () => {
  const lab = labCluster({ name: 'security', net: '192.168.69', topology: 'combined', security: 'secure', kafkaHeap: '320m' });
  const { cli, pids, healthy, createTopic } = labChecks(lab);
  let secrets: ClusterSecrets;
  let admin: KafkaClientPort;
  /** every line the tool printed in this file, for the search for secrets */
  const printed: string[] = [];

  const client = (security: ClientSecurity | null, extra: { retries?: number } = {}) =>
    createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), logLevel: 'nothing', connectionTimeoutMs: 3000, retries: extra.retries ?? 0, security });
  /** the error of an admin request with `security`, or null when it was answered */
  const refusal = async (security: ClientSecurity | null): Promise<string | null> => {
    try {
      const a = await client(security).admin();
      try {
        await a.listTopics();
        return null;
      } finally {
        await a.disconnect().catch(() => undefined);
      }
    } catch (err) {
      return (err as Error).message;
    }
  };

  const withAdmin = async <T>(fn: (a: KafkaAdminPort) => Promise<T>): Promise<T> => {
    const a = await admin.admin();
    try {
      return await fn(a);
    } finally {
      await a.disconnect();
    }
  };

  beforeAll(async () => {
    await lab.up(log);
    secrets = (await clusterSecrets(lab.cluster))!;
    admin = client(brokerClientSecurity(secrets), { retries: 5 });
    await createTopic(admin, TOPIC);
  }, 900_000);
  afterAll(() => lab.down(), 300_000);

  it('healthy through the gates; a second provision as typed changes nothing; verify passes', async () => {
    expect((await healthy()).ok).toBe(true);
    const before = await pids();
    const again = await runNpm('provision', ['--inventory', lab.inventory, '--json']);
    printed.push(again.stdout, again.stderr);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout) as ProvisionReport).toMatchObject({ ok: true, changed: 0, restarted: [], started: [] });
    expect(await pids()).toEqual(before);
    const verify = await runNpm('verify', ['--inventory', lab.inventory, '--json']);
    printed.push(verify.stdout, verify.stderr);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('refuses a client without TLS, without SASL, with a wrong password, or checking another server name', async () => {
    expect(await refusal(brokerClientSecurity(secrets))).toBeNull();
    expect(await refusal(null)).toMatch(/Closed connection|Connection error/);
    expect(await refusal({ ca: secrets.caPem })).toMatch(/Closed connection|Connection error/);
    expect(await refusal({ ca: secrets.caPem, sasl: { username: 'admin', password: new Secret('not-the-password') } })).toMatch(/SASL SCRAM SHA512 authentication failed/);
    // the certificate names node01 and its address; a client that expects another name refuses it
    const wrongName = await tlsRefusal(lab.cluster.brokers[0]!.address, lab.cluster.broker.port, secrets.caPem, 'node09');
    expect(wrongName).toMatch(/does not match certificate's altnames|Hostname\/IP does not match/);
  });

  it('a machine without the cluster\'s keys makes a CA of its own: provision stops in preflight and changes nothing', async () => {
    const dir = join(lab.dir, '.kcp-secrets', lab.cluster.name);
    await rename(dir, `${dir}.kept`);
    try {
      const before = await pids();
      const r = await runNpm('provision', ['--inventory', lab.inventory, '--json']);
      printed.push(r.stdout, r.stderr);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/preflight failed, nothing was changed:[\s\S]*node01: \/etc\/kafka\/tls\/ca\.pem holds another CA/);
      expect(await pids()).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rename(`${dir}.kept`, dir);
    }
    expect((await healthy()).ok).toBe(true);
  });

  it('the CONTROLLER listener takes only a client certificate of the cluster\'s CA', async () => {
    // asked of every controller in turn, as the gates do: only the active one answers
    const endpoints = lab.cluster.quorum.map((p) => hostPort(p.host.address, lab.cluster.controller.port));
    const ask = (security: ClientSecurity) =>
      askFirst(endpoints, (node) => node.describeQuorum(), async () => {}, { security }).then((q) => `leader ${q.leaderId}`, (err: Error) => err.message);
    expect(await ask(certificateClientSecurity(secrets))).toMatch(/^leader [123]$/);
    const refused = await ask({ ca: secrets.caPem });
    expect(refused).not.toMatch(/^leader/);
    expect(refused).toMatch(/closed|ECONNRESET|reset/i);
  });

  it('users: SCRAM users with least-privilege ACLs; produce and the popularity job as them; Java client settings; a removed user is refused', async () => {
    const user = async <T>(...args: string[]): Promise<T> => {
      const r = await runNpm('user', [...args, '--inventory', lab.inventory, '--json']);
      printed.push(r.stdout, r.stderr);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as T;
    };
    type Added = { user: AddedUser };
    const writer = (await user<Added>('add', 'writer', '--topic', 'pages', '--write', '--group', 'probe-*')).user;
    expect(writer).toMatchObject({ credential: 'created', acls: ['allow create topic pages', 'allow describe topic pages', 'allow read group probe-*', 'allow write topic pages'] });
    expect((await user<Added>('add', 'writer', '--topic', 'pages', '--write')).user).toMatchObject({ credential: 'kept', added: [] });
    const job = (await user<Added>('add', 'job', '--job', 'pages')).user;
    expect(job.acls).toEqual(expect.arrayContaining(['allow read topic pages', 'allow read group pages-popularity-job', 'allow write topic pages-popularity', 'allow write topic pages-dlq']));
    expect(job.acls.filter((a) => / (read|write) /.test(a)).every((a) => / pages(-popularity|-dlq|-popularity-stats|-popularity-job)?$/.test(a))).toBe(true);
    await user('add', 'idle');
    for (const f of Object.values(writer.files)) expect((await stat(f)).mode & 0o777, f).toBe(0o600);
    const passwords = await Promise.all(['writer', 'job', 'idle'].map(async (u) => (await userPassword(lab.cluster, u))!));
    const as = (name: string, password: Secret) => client({ ca: secrets.caPem, sasl: { username: name, password } }, { retries: 1 });
    const writerClient = as('writer', passwords[0]!);
    const jobClient = as('job', passwords[1]!);
    const idleClient = as('idle', passwords[2]!);

    // a secured cluster takes no produce without --user; as writer it writes and makes its topic
    const refused = await runNpm('produce', ['--topic', 'pages', '--count', '10', '--inventory', lab.inventory]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is secured: give --user NAME/);
    const produced = await runNpm('produce', ['--topic', 'pages', '--count', '3000', '--user', 'writer', '--inventory', lab.inventory, '--json']);
    printed.push(produced.stdout, produced.stderr);
    expect(produced.code, produced.stderr).toBe(0);
    expect(JSON.parse(produced.stdout)).toMatchObject({ acked: 3000, inDoubt: [] });

    // what a user was not granted is denied: idle can neither write nor read, writer cannot read
    // (a user with no Write anywhere is refused already when its idempotent producer starts)
    /** the first batch a consumer of its own group gets, or the error it stops on */
    const readAs = async (c: KafkaClientPort, topic: string, group: string): Promise<string> => {
      try {
        const consumer = await c.consumer({ groupId: group });
        try {
          return await new Promise<string>((resolve) => {
            const timer = setTimeout(() => resolve('nothing within 20 s'), 20_000);
            const done = (what: string) => (clearTimeout(timer), resolve(what));
            consumer.run({ topics: [topic], fromBeginning: true, eachBatch: async (b) => done(`read ${b.records.length}`), onCrash: (err) => done(err.message) }).catch((err: Error) => done(err.message));
          });
        } finally {
          await consumer.stop().catch(() => undefined);
        }
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(await sendAs(idleClient, 'pages')).toMatch(/not authorized|authorization/i);
    expect(await readTopic(idleClient, 'pages').then(() => 'read', (err: Error) => err.message)).toMatch(/not authorized|authorization/i);
    // the group is granted, the topic is not
    expect(await readAs(writerClient, 'pages', 'probe-writer')).toMatch(/not authorized to access topics/i);
    expect(await sendAs(jobClient, 'pages')).toMatch(/not authorized|authorization/i);

    // the popularity job as job: reads its topic, writes its output, dead-letter and stats topics
    const run = await runNpm('popularity', ['--topic', 'pages', '--user', 'job', '--until-idle', '3', '--checkpoint-dir', join(lab.dir, 'checkpoints'), '--inventory', lab.inventory, '--json']);
    printed.push(run.stdout, run.stderr);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as JobReport;
    expect(report.consumed).toBe(3000);
    const output = await readTopic(admin, 'pages-popularity');
    expect(output.complete).toBe(true);
    expect(new Set(output.records.map((r) => r.key)).size).toBe(Object.keys(report.final).length);
    // it writes its output but may not read it, even in its own group
    expect(await readAs(jobClient, 'pages-popularity', 'pages-popularity-job')).toMatch(/not authorized to access topics/i);

    // the Java client settings file works as written: Kafka's console producer as writer
    const dist = join(lab.dir, 'kafka-client');
    await mkdir(dist, { recursive: true });
    await runCommand('tar', ['xzf', join(DEFAULT_DIST_CACHE, `kafka_${lab.cluster.kafka.scala}-${lab.cluster.kafka.version}.tgz`), '-C', dist, '--strip-components=1']);
    const high = async () => (await withAdmin((a) => a.topicOffsets('pages'))).reduce((n, p) => n + p.high, 0);
    const before = await high();
    const java = await runCommand('bash', ['-c', 'printf "java-key\\tjava-value\\n" | "$0/bin/kafka-run-class.sh" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$1" --producer.config "$2" --topic pages --property parse.key=true', dist, lab.cluster.bootstrapServers, writer.files.javaProperties], { env: { KAFKA_HEAP_OPTS: '-Xmx128m' } });
    expect(java.code, java.stderr).toBe(0);
    expect(await high()).toBe(before + 1);

    const listed = await user<{ users: ListedUser[] }>('list');
    expect(listed.users.map((u) => [u.user, u.credential, u.on_this_machine])).toEqual([['admin', 'active', false], ['idle', 'active', true], ['job', 'active', true], ['writer', 'active', true]]);
    expect(listed.users.find((u) => u.user === 'idle')!.acls).toEqual([]);

    // removed: its credential, ACLs and files are gone, and it can no longer log in
    const removed = (await user<{ user: RemovedUser }>('remove', 'writer')).user;
    expect(removed).toMatchObject({ credential: 'disabled', files_removed: true });
    expect(removed.acls_removed).toHaveLength(4);
    expect(await userPassword(lab.cluster, 'writer')).toBeNull();
    expect(await sendAs(writerClient, 'pages')).toMatch(/SASL SCRAM SHA512 authentication failed/);
    expect((await user<{ users: ListedUser[] }>('list')).users.find((u) => u.user === 'writer')).toMatchObject({ credential: 'disabled', acls: [] });
    // removing "x" (its name hashes ahead of "admin" in Kafka's HashMap) is what wiped every
    // credential on a restart when users were deleted; the rotate-certs restart below proves it is not
    await user('add', 'x', '--topic', 'pages', '--read');
    await user('remove', 'x');
    const text = printed.join('\n');
    for (const p of passwords) expect(text.includes(p.reveal())).toBe(false);
  });

  it('perf as a user made for the run, its settings file on the host removed after; the live page as the admin', async () => {
    const run = await runNpm('perf', ['--inventory', lab.inventory, '--records', '20000', '--json']);
    printed.push(run.stdout, run.stderr);
    expect(run.code, run.stderr).toBe(0);
    const perf = JSON.parse(run.stdout) as PerfReport;
    expect(perf.records).toBe(20000);
    expect(perf.command).toContain(`--producer.config ${perfConfigPath(perf.topic)}`);
    const { stdout: left } = await (await lab.ctx.sessions.session(perf.host)).exec(sh`ls -- ${perfConfigPath(perf.topic)} 2>&1 || true`);
    expect(left).toMatch(/No such file/);
    expect((await listUsers(lab.cluster)).find((u) => u.user === PERF_USER)).toMatchObject({ credential: 'disabled', acls: [] });

    const dashboard = await startDashboard(lab.ctx, { port: 0, topic: TOPIC, intervalMs: 500, log });
    try {
      const snapshot = () => fetch(new URL('/api/snapshot', dashboard.url)).then((r) => r.json() as Promise<{ processes: { health: string }[]; job: { lag: unknown[] } | null }>);
      await expect.poll(async () => { const s = await snapshot(); return [s.processes.map((p) => p.health), (s.job?.lag.length ?? 0) > 0]; }, { timeout: 30_000, interval: 500 }).toEqual([['ok', 'ok', 'ok'], true]);
    } finally {
      await dashboard.stop();
    }
  }, 180_000);

  it.each(['kill-broker', 'kill-host', 'partition', 'kill-controller'] as const)('the acceptance test holds exactly through %s, its producer and job connecting as users made for the run and removed after it', async (chaos) => {
    const r = await runAcceptance(lab.cluster, { messages: ACCEPTANCE_MESSAGES, rate: 1000, chaos, seed: 7, ctx: lab.ctx, log: (l) => log(`[acceptance ${chaos}] ${l}`) });
    expectExact(r, chaos, ACCEPTANCE_MESSAGES);
    expectFault(r, chaos);
    if (chaos === 'kill-controller') expect(r.chaos.role).toMatch(/^the active controller \(KRaft quorum leader, node [1-3]\), also a broker$/);
    const runUsers = (await listUsers(lab.cluster)).filter((u) => u.user.startsWith('kcp-acceptance-'));
    expect(runUsers.map((u) => [u.user, u.credential, u.acls])).toEqual([['kcp-acceptance-job', 'disabled', []], ['kcp-acceptance-producer', 'disabled', []]]);
    expect((await healthy()).ok).toBe(true);
  }, 360_000);

  it('rotate-certs: a new certificate from the same CA on every listener, put in service by a rolling restart gated over TLS with no failed acks=all send', async () => {
    /** the certificate a listener presents: its fingerprint, checked against the cluster's CA */
    const presented = (address: string, port: number) => presentedCertificate(secrets, lab.cluster.hosts.find((h) => h.address === address)!.name, address, port);
    const listeners = lab.cluster.hosts.flatMap((h) => [h.address].flatMap((a) => [[a, lab.cluster.broker.port], [a, lab.cluster.broker.replicationPort], [a, lab.cluster.controller.port]] as const));
    const before = await Promise.all(listeners.map(([a, p]) => presented(a, p)));
    const pidsBefore = await pids();
    const report = await underLoad(admin, TOPIC, () => cli<ProvisionReport>('rotate-certs'));
    expect(report.restarted).toHaveLength(3);
    const pidsAfter = await pids();
    for (const name of Object.keys(pidsBefore)) expect(pidsAfter[name], name).not.toBe(pidsBefore[name]);
    // every listener presents a new certificate, and the CA checked it (rejectUnauthorized)
    const after = await Promise.all(listeners.map(([a, p]) => presented(a, p)));
    after.forEach((f, i) => expect(f, listeners[i]!.join(':')).not.toBe(before[i]));
    secrets = (await clusterSecrets(lab.cluster))!;
    expect((await healthy()).ok).toBe(true);
  }, 300_000);

  it('keys 0600 and owned by the service user on the hosts, 0600 on this machine; no secret in a command line, a log or the output', async () => {
    const password = secrets.admin.password.reveal();
    const keyLine = secrets.processes.get('node01/kafka')!.key.reveal().split('\n')[1]!;
    const files = tlsFiles({ service: 'kafka' });
    for (const host of lab.cluster.hosts) {
      const session = await lab.ctx.sessions.session(host.name);
      const { stdout: modes } = await session.exec(sh`stat -c '%a %U' -- ${files.keystore} ${files.scramArgs} ${files.truststore}`);
      expect(modes.trim().split('\n')).toEqual(['600 kafka', '600 kafka', '644 kafka']);
      const { stdout: commandLines } = await session.exec('ps -eo args');
      expect(commandLines).toContain('kafka.Kafka');
      const { stdout: logs } = await session.exec('cat /var/log/kafka/* /opt/kafka-cluster/bin/* /etc/kafka/server.properties 2>/dev/null');
      for (const text of [commandLines, logs]) {
        expect(text.includes(password), `${host.name}: the admin password`).toBe(false);
        expect(text.includes(keyLine), `${host.name}: a private key`).toBe(false);
      }
    }
    const dir = join(lab.dir, '.kcp-secrets', lab.cluster.name);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    for (const name of ['ca.key', 'admin.key', 'admin.password', 'node01-kafka.key']) expect((await stat(join(dir, name))).mode & 0o777, name).toBe(0o600);
    expect(await readFile(join(lab.dir, '.kcp-secrets', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    // a secret file gone from a host: the dry run names it without showing it, provision puts it back
    const node01 = await lab.ctx.sessions.session('node01');
    await node01.exec(sh`rm -f -- ${files.scramArgs}`);
    const dryRun = await runNpm('provision', ['--inventory', lab.inventory, '--json', '--dry-run']);
    printed.push(dryRun.stdout, dryRun.stderr);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    const diffs = (JSON.parse(dryRun.stdout) as ProvisionReport).diffs!;
    expect(diffs.map((d) => [d.host, d.path])).toEqual([['node01', files.scramArgs]]);
    expect(diffs[0]!.diff).toMatch(/holds a key or a password: not shown/);
    const before = await pids();
    const fixed = await runNpm('provision', ['--inventory', lab.inventory, '--json']);
    printed.push(fixed.stdout, fixed.stderr);
    expect(JSON.parse(fixed.stdout) as ProvisionReport).toMatchObject({ ok: true, changed: 1, restarted: [] });
    expect(await pids()).toEqual(before);
    const output = printed.join('\n');
    expect(output.length).toBeGreaterThan(0);
    expect(output.includes(password)).toBe(false);
    expect(output.includes(keyLine)).toBe(false);
  });
});

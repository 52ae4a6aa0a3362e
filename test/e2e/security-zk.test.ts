// A ZooKeeper-mode cluster as a new inventory gets it, secured (Kafka 3.9, three hosts each with a
// ZooKeeper server and a broker, 192.168.70.0/24; the inventory says nothing of security), one
// cluster for the whole file, torn down in afterAll whatever happened. What this mode adds to the KRaft file's proof (users, perf, the job and
// rotate-certs run the same code in both modes): ZooKeeper takes TLS only, with a client
// certificate of the cluster's CA, on its client port and between its servers; the gates, status
// and verify ask it over TLS; Kafka's znodes can be changed only by the processes' principal, and
// the SCRAM admin's znode is readable by nobody else; the admin was written through ZooKeeper
// before the first broker started; the AclAuthorizer denies what no ACL allows; the acceptance
// test, its producer and job as users made for the run, holds exactly through a SIGKILLed job
// that resumes from its checkpoints (run as a user types it, with its report file and exit
// code), a power cut of a partition leader's host (its broker SIGKILLed with the rest), a
// network partition of a leader's host (its ZooKeeper server cut off from the TLS quorum too)
// past the session timeout, a SIGKILLed controller broker; rotate-certs rolls new certificates
// into ZooKeeper and the brokers under load; no secret in a command line, a log or the output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProvisionReport } from '../../src/cluster/provision.js';
import { sh } from '../../src/core/shell.js';
import { createKafkaClient, type ClientSecurity, type KafkaClientPort } from '../../src/kafka/index.js';
import { servicePaths } from '../../src/render/layout.js';
import { tlsFiles } from '../../src/render/security.js';
import { brokerClientSecurity, certificateClientSecurity, clusterSecrets, type ClusterSecrets } from '../../src/security/cluster-secrets.js';
import { Secret } from '../../src/security/secret.js';
import { userPassword } from '../../src/security/user-files.js';
import type { AddedUser } from '../../src/security/users.js';
import type { AcceptanceReport } from '../../src/acceptance/report.js';
import { runAcceptance } from '../../src/acceptance/run.js';
import { askFourLetterWord } from '../../src/verify/four-letter.js';
import { expectExact, expectFault } from '../support/acceptance-checks.js';
import { underLoad } from '../support/acks-producer.js';
import { labChecks } from '../support/lab-checks.js';
import { labCluster } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { runNpm } from '../support/run-command.js';
import { presentedCertificate, sendAs, tlsRefusal } from '../support/secured-clients.js';

const TOPIC = 'secured-zk';
const ACCEPTANCE_MESSAGES = 3000;
const log = (line: string) => process.stderr.write(`[security-zk] ${line}\n`);

describeIf(missingRoot(), 'security: secure, a ZooKeeper-mode cluster with TLS to and within ZooKeeper, znode ACLs, SCRAM clients and the AclAuthorizer', () => {
  const lab = labCluster({ name: 'security-zk', net: '192.168.70', topology: 'zookeeper', security: 'secure', kafkaHeap: '320m' });
  const { cli, pids, healthy, createTopic } = labChecks(lab);
  let secrets: ClusterSecrets;
  let admin: KafkaClientPort;
  const printed: string[] = [];
  const npm = async (name: string, args: string[]) => {
    const r = await runNpm(name, [...args, '--inventory', lab.inventory]);
    printed.push(r.stdout, r.stderr);
    return r;
  };
  const client = (security: ClientSecurity | null) =>
    createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), logLevel: 'nothing', connectionTimeoutMs: 3000, retries: 1, security });
  /** zookeeper-shell on a broker's host, as the broker: its server.properties holds its ZooKeeper TLS settings */
  const zkShell = async (...command: string[]): Promise<string> => {
    const session = await lab.ctx.sessions.session('node01');
    const { stdout } = await session.exec(
      sh`KAFKA_HEAP_OPTS=-Xmx64m setpriv --reuid=kafka --regid=kafka --init-groups -- /opt/kafka/bin/kafka-run-class.sh org.apache.zookeeper.ZooKeeperMainWithTlsSupportForKafka -zk-tls-config-file ${servicePaths('kafka').config} -server ${lab.cluster.zookeeperConnect} ${command} 2>/dev/null`,
      { describe: `zookeeper-shell ${command.join(' ')}`, timeoutMs: 60_000 },
    );
    return stdout;
  };

  beforeAll(async () => {
    await lab.up(log);
    secrets = (await clusterSecrets(lab.cluster))!;
    admin = createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), logLevel: 'nothing', retries: 5, security: brokerClientSecurity(secrets) });
    await createTopic(admin, TOPIC);
  }, 900_000);
  afterAll(() => lab.down(), 300_000);

  it('healthy through gates that ask ZooKeeper over TLS; a second provision changes nothing; verify passes', async () => {
    expect((await healthy()).ok).toBe(true);
    const before = await pids();
    const again = await npm('provision', ['--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout) as ProvisionReport).toMatchObject({ ok: true, changed: 0, restarted: [], started: [] });
    expect(await pids()).toEqual(before);
    const verify = await npm('verify', ['--json']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/zookeeper node01 ruok/);
  });

  it('ZooKeeper takes TLS with a certificate of the cluster\'s CA only: no plain port, no client without a certificate', async () => {
    const [zk] = lab.cluster.ensemble;
    const port = lab.cluster.zookeeper.clientPort;
    expect(await askFourLetterWord(zk!.address, port, 'ruok', 3000, certificateClientSecurity(secrets))).toBe('imok');
    // a plain four-letter word on the only client port: no answer
    expect(await askFourLetterWord(zk!.address, port, 'ruok', 3000).catch((err: Error) => err.message)).not.toBe('imok');
    // TLS without a client certificate: the handshake is refused
    const noCert = await new Promise<string>((resolve) => {
      const socket = connectTls({ host: zk!.address, port, ca: secrets.caPem, servername: zk!.host });
      socket.once('secureConnect', () => socket.write('ruok'));
      socket.on('data', (d: Buffer) => resolve(`answered ${d.toString()}`));
      socket.once('error', (err) => resolve(err.message));
      socket.once('close', () => resolve('closed without an answer'));
    });
    expect(noCert).not.toMatch(/answered/);
    // nothing listens on ZooKeeper's usual plain port either, and the servers talk TLS to each other
    const session = await lab.ctx.sessions.session('node01');
    const { stdout: cfg } = await session.exec(sh`grep -E '^(clientPort|secureClientPort|sslQuorum)=' ${servicePaths('zookeeper').config}`);
    expect(cfg.trim().split('\n')).toEqual([`secureClientPort=${port}`, 'sslQuorum=true']);
  });

  it('Kafka\'s znodes: writable only by the processes\' principal; the SCRAM admin, written before the first broker start, readable by nobody else', async () => {
    const principal = `'x509,'CN=kcp-node%2CO=${lab.cluster.name}`;
    const ids = await zkShell('getAcl', '/brokers/ids');
    expect(ids).toContain(`${principal}\n: cdrwa`);
    expect(ids).toContain("'world,'anyone\n: r");
    const adminAcl = await zkShell('getAcl', '/config/users/admin');
    expect(adminAcl).toContain(`${principal}\n: cdrwa`);
    expect(adminAcl).not.toContain('world');
    expect(await zkShell('get', '/config/users/admin')).toMatch(/"SCRAM-SHA-512":"salt=[^"]+,iterations=4096"/);
  });

  it('refuses clients without TLS, without SASL, with a wrong password, or checking another name; the AclAuthorizer denies what no ACL grants', async () => {
    expect(await sendAs(admin, TOPIC)).toBe('sent');
    expect(await sendAs(client(null), TOPIC)).toMatch(/Closed connection|Connection error|ECONNRESET/);
    expect(await sendAs(client({ ca: secrets.caPem }), TOPIC)).toMatch(/Closed connection|Connection error|ECONNRESET/);
    expect(await sendAs(client({ ca: secrets.caPem, sasl: { username: 'admin', password: new Secret('not-the-password') } }), TOPIC)).toMatch(/SASL SCRAM SHA512 authentication failed/);
    const wrongName = await tlsRefusal(lab.cluster.brokers[0]!.address, lab.cluster.broker.port, secrets.caPem, 'node09');
    expect(wrongName).toMatch(/does not match certificate's altnames|Hostname\/IP does not match/);

    const add = async (...args: string[]) => {
      const r = await npm('user', ['add', ...args, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { user: AddedUser }).user;
    };
    expect(await add('writer', '--topic', TOPIC, '--write')).toMatchObject({ credential: 'created' });
    expect(await add('idle')).toMatchObject({ credential: 'created', acls: [] });
    const as = async (name: string) => client({ ca: secrets.caPem, sasl: { username: name, password: (await userPassword(lab.cluster, name))! } });
    expect(await sendAs(await as('writer'), TOPIC)).toBe('sent');
    expect(await sendAs(await as('idle'), TOPIC)).toMatch(/not authorized|authorization/i);
  });

  // kill-job as a user types it (the CLI's flags, exit code, report on stdout and in a file);
  // no kill-broker: kill-host SIGKILLs the broker with everything else on its host
  it('the acceptance test through kill-job, as a user types it: exit 0, the report on stdout and in --report FILE', async () => {
    const file = join(lab.dir, 'report.json');
    const r = await npm('acceptance', ['--messages', String(ACCEPTANCE_MESSAGES), '--chaos', 'kill-job', '--seed', '7', '--report', file, '--json', '--quiet']);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const report = JSON.parse(r.stdout) as AcceptanceReport;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(report);
    expectExact(report, 'kill-job', ACCEPTANCE_MESSAGES);
    expectFault(report, 'kill-job');
  }, 360_000);

  it.each(['kill-host', 'partition', 'kill-controller'] as const)('the acceptance test holds exactly through %s, as users made for the run', async (chaos) => {
    const r = await runAcceptance(lab.cluster, { messages: ACCEPTANCE_MESSAGES, rate: 1000, chaos, seed: 11, ctx: lab.ctx, log: (l) => log(`[acceptance ${chaos}] ${l}`) });
    expectExact(r, chaos, ACCEPTANCE_MESSAGES);
    expectFault(r, chaos);
    if (chaos === 'kill-controller') expect(r.chaos.role).toMatch(/^the broker elected controller \(broker [0-2]\)$/);
    // whole again: a broker whose ZooKeeper session expired while it was cut off registers anew
    expect((await healthy()).ok).toBe(true);
  }, 360_000);

  it('rotate-certs: ZooKeeper servers and brokers present new certificates from the same CA, rolled with no failed acks=all send', async () => {
    const presented = (host: string, address: string, port: number) => presentedCertificate(secrets, host, address, port);
    const listeners = lab.cluster.hosts.flatMap((h) => [lab.cluster.zookeeper.clientPort, lab.cluster.broker.port, lab.cluster.broker.replicationPort].map((port) => [h.name, h.address, port] as const));
    const before = await Promise.all(listeners.map(([h, a, p]) => presented(h, a, p)));
    const pidsBefore = await pids();
    const report = await underLoad(admin, TOPIC, () => cli<ProvisionReport>('rotate-certs'));
    expect(report.restarted).toHaveLength(6);
    const pidsAfter = await pids();
    for (const name of Object.keys(pidsBefore)) expect(pidsAfter[name], name).not.toBe(pidsBefore[name]);
    const after = await Promise.all(listeners.map(([h, a, p]) => presented(h, a, p)));
    after.forEach((f, i) => expect(f, listeners[i]!.join(' ')).not.toBe(before[i]));
    secrets = (await clusterSecrets(lab.cluster))!;
    expect((await healthy()).ok).toBe(true);
  }, 300_000);

  it('keys 0600 and the service user\'s on the hosts; no secret in a command line, a log or the output', async () => {
    const password = secrets.admin.password.reveal();
    const keys = ['node01/kafka', 'node01/zookeeper'].map((p) => secrets.processes.get(p)!.key.reveal().split('\n')[1]!);
    for (const host of lab.cluster.hosts) {
      const session = await lab.ctx.sessions.session(host.name);
      const zk = tlsFiles({ service: 'zookeeper' });
      const kafka = tlsFiles({ service: 'kafka' });
      const { stdout: modes } = await session.exec(sh`stat -c '%a %U' -- ${zk.keystore} ${kafka.keystore} ${kafka.scramConfig}`);
      expect(modes.trim().split('\n')).toEqual(['600 kafka', '600 kafka', '600 kafka']);
      const { stdout: commandLines } = await session.exec('ps -eo args');
      expect(commandLines).toContain('QuorumPeerMain');
      const { stdout: logs } = await session.exec('cat /var/log/kafka/* /var/log/zookeeper/* /etc/kafka/server.properties /etc/zookeeper/zoo.cfg 2>/dev/null');
      for (const text of [commandLines, logs]) {
        expect(text.includes(password), `${host.name}: the admin password`).toBe(false);
        for (const key of keys) expect(text.includes(key), `${host.name}: a private key`).toBe(false);
      }
    }
    const output = printed.join('\n');
    expect(output.length).toBeGreaterThan(0);
    expect(output.includes(password)).toBe(false);
    for (const name of ['writer', 'idle']) expect(output.includes((await userPassword(lab.cluster, name))!.reveal())).toBe(false);
  });
});

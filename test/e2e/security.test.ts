// security: secure on a KRaft cluster of three combined nodes (192.168.69.0/24), one cluster for
// the whole file, torn down in afterAll whatever happened: provisioned and started behind the
// same gates, which now speak TLS, SCRAM and client certificates; verify passes; a rolling
// restart keeps every acks=all send of the admin acknowledged; clients without TLS, without
// SASL, with a wrong password, with a server name the certificate does not carry, and without a
// client certificate on the CONTROLLER listener are refused; no secret shows in any command
// line on the hosts, in their logs, or in the tool's output.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RestartReport } from '../../src/cluster/lifecycle.js';
import type { ProvisionReport } from '../../src/cluster/provision.js';
import { sh } from '../../src/core/shell.js';
import { hostPort } from '../../src/inventory/derive.js';
import { askFirst, createKafkaClient, type ClientSecurity, type KafkaClientPort } from '../../src/kafka/index.js';
import { tlsFiles } from '../../src/render/security.js';
import { brokerClientSecurity, certificateClientSecurity, clusterSecrets, type ClusterSecrets } from '../../src/security/cluster-secrets.js';
import { Secret } from '../../src/security/secret.js';
import { underLoad } from '../support/acks-producer.js';
import { labChecks } from '../support/lab-checks.js';
import { labCluster } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { runNpm } from '../support/run-command.js';

const TOPIC = 'secured-acks';
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
    const wrongName = await new Promise<string | null>((resolve) => {
      const socket = connectTls({ host: lab.cluster.brokers[0]!.address, port: lab.cluster.broker.port, ca: secrets.caPem, servername: 'node09' });
      socket.once('secureConnect', () => (socket.destroy(), resolve(null)));
      socket.once('error', (err) => resolve(err.message));
    });
    expect(wrongName).toMatch(/does not match certificate's altnames|Hostname\/IP does not match/);
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

  it('a rolling restart, gated over TLS, keeps every acks=all send of the admin acknowledged', async () => {
    const before = await pids();
    const report = await underLoad(admin, TOPIC, () => cli<RestartReport>('restart-cluster'));
    expect(report.restarted).toHaveLength(3);
    const after = await pids();
    for (const name of Object.keys(before)) expect(after[name], name).not.toBe(before[name]);
  });

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

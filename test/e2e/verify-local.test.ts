// runVerify and `npm run verify` against a real single-node ZooKeeper + Kafka on 127.0.0.1
// (test/support/local-kafka.ts): every check passes on a healthy node, and an inventory that
// promises more than runs (a second broker, a second ZooKeeper) fails exactly those checks.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load.js';
import { createKafkaClient } from '../../src/kafka/client.js';
import { releaseOf } from '../../src/dist/release.js';
import { runVerify, type VerifyReport } from '../../src/verify/run.js';
import { dumpLogCommand, parseDumpLog } from '../../src/verify/stored-codec.js';
import { startLocalKafka, type LocalKafka } from '../support/local-kafka.js';

const run = promisify(execFile);
let kafka: LocalKafka;
let dir: string;

function inventory(name: string, hosts: string[]): string {
  const [zkPort, brokerPort] = [kafka.zookeeper, kafka.bootstrap].map((a) => a.split(':')[1]);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, [
    'cluster:',
    `  name: verify-local-${process.pid}`,
    '  security: none',
    '  kafka: { source: maven }',
    `  zookeeper: { client_port: ${zkPort} }`,
    `  broker: { port: ${brokerPort} }`,
    '  ssh: { user: root, port: 22, identity_file: id, known_hosts: known_hosts }',
    'hosts:',
    ...hosts,
    '',
  ].join('\n'));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kcp-verify-'));
  kafka = await startLocalKafka({ brokerConfig: { 'auto.create.topics.enable': 'false' } });
}, 240_000);

afterAll(async () => {
  await kafka?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const byName = (r: VerifyReport) => Object.fromEntries(r.checks.map((c) => [c.name, c]));

describe('verify against a local single-node cluster', () => {
  it('passes every check, describes the topic and deletes it', async () => {
    const { cluster } = await loadInventory(inventory('healthy', ['  - { name: local, address: 127.0.0.1, zookeeper_id: 1, broker_id: 0 }']));
    // no SSH host here: the same DumpLogSegments command, run on this machine against the local broker's data
    const dumpBatches = async (topic: string, leaders: Map<number, number[]>) => {
      expect([...leaders.keys()]).toEqual([0]);
      const command = dumpLogCommand({ kafkaHome: kafka.distHome, dataDir: join(kafka.workDir, 'kafka-data'), topic, partitions: leaders.get(0)!, mainClass: releaseOf(kafka.dist.version).tools.dumpLogSegments });
      return parseDumpLog((await run('bash', ['-c', command])).stdout, topic);
    };
    const report = await runVerify(cluster, { readTimeoutMs: 60_000, dumpBatches });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      'zookeeper local ruok', 'zookeeper local srvr', 'zookeeper ensemble has one leader',
      'broker 0 (local) registered', 'controller elected',
      'topic create', 'topic describe', 'round trip plain', 'round trip keyed', 'round trip json', 'round trip gzip', 'stored plain', 'stored gzip', 'topic delete',
    ]);
    const checks = byName(report);
    expect(checks['zookeeper local srvr']!.detail).toMatch(/^Mode: standalone, zxid 0x[0-9a-f]+/);
    expect(checks['round trip gzip']!.detail).toBe('5 sent (acks=all, gzip), 5 read back identical in partition 0');
    expect(checks['stored gzip']!.detail).toMatch(/^5 messages in 1 gzip batch on disk \(0:\d+-\d+\)$/);
    expect(checks['stored plain']!.detail).toMatch(/^5 messages in 1 none batch on disk \(0:0-4\)$/);
    expect(checks['round trip keyed']!.detail).toMatch(/^5 sent \(acks=all\), 5 read back identical in partition 0$/);
    expect(report.topic).toMatch(/^kcp-verify-\d+-[0-9a-f]{6}$/);
    expect(report.describe).toBe(
      `Topic: ${report.topic}\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: \n\tTopic: ${report.topic}\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0\tElr: N/A\tLastKnownElr: N/A`,
    );
    const admin = await createKafkaClient({ brokers: [kafka.bootstrap], logLevel: 'nothing' }).admin();
    try {
      expect(await admin.listTopics()).not.toContain(report.topic);
    } finally {
      await admin.disconnect();
    }
  });

  it('fails the missing broker and ZooKeeper, skips the topic it cannot create, exit 1 with --json', async () => {
    const file = inventory('broken', [
      '  - { name: local, address: 127.0.0.1, zookeeper_id: 1, broker_id: 0 }',
      // no ZooKeeper and no broker run at this address
      '  - { name: ghost, address: 127.0.0.2, zookeeper_id: 2, broker_id: 1 }',
    ]);
    const result = await run('npx', ['tsx', 'scripts/verify.ts', '--inventory', file, '--json'], { cwd: process.cwd() }).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => err,
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as VerifyReport;
    expect(report.ok).toBe(false);
    const checks = byName(report);
    expect(checks['zookeeper ghost ruok']).toMatchObject({ ok: false });
    expect(checks['zookeeper ghost ruok']!.detail).toMatch(/^ruok to 127\.0\.0\.2:\d+: connection refused/);
    // a member of a two-server ensemble that runs standalone is not one leader + followers
    expect(checks['zookeeper ensemble has one leader']!.ok).toBe(false);
    expect(checks['broker 0 (local) registered']!.ok).toBe(true);
    expect(checks['broker 1 (ghost) registered']).toEqual({ name: 'broker 1 (ghost) registered', ok: false, detail: 'broker 1 is not in the cluster metadata (registered: 0)' });
    expect(checks['topic create']!.ok).toBe(false);
    expect(checks['topic create']!.detail).toBe(`${report.topic} (2 partitions, replication factor 2): Topic creation errors: Replication-factor is invalid`);
    expect(checks['round trip json']).toMatchObject({ ok: false, detail: 'skipped: the topic was not created' });
    expect(checks['topic delete']!.ok).toBe(true);
  }, 120_000);
});

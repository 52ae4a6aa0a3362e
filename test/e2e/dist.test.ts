// The distribution is real: built (or reused) by `npm run dist`'s code, reproducible byte for
// byte, and it runs: ZooKeeper + a broker from it serve a produce/consume round trip, and its
// kafka-tools run TopicCommand and ProducerPerformance.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { libsProblems } from '../../src/dist/libs.js';
import { layoutProblems, listTarball } from '../../src/dist/tarball.js';
import { loadInventory } from '../../src/inventory/load.js';
import { distName, type KafkaSettings } from '../../src/inventory/model.js';
import { fourLetterWord, localDistribution, startLocalKafka, type LocalKafka } from '../support/local-kafka.js';
import { describeIf } from '../support/requirements.js';

const run = promisify(execFile);

function missingTools(): string | null {
  for (const tool of ['java', 'mvn', 'tar', 'gzip']) {
    const found = (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, tool)));
    if (!found) return `needs ${tool} on PATH`;
  }
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describeIf(missingTools(), 'Kafka distribution (npm run dist) on a local ZooKeeper + broker', () => {
  let kafkaSettings: KafkaSettings;
  let local: LocalKafka | undefined;
  let client: Kafka;

  beforeAll(async () => {
    kafkaSettings = (await loadInventory(join(import.meta.dirname, '../../inventory.yaml'))).cluster.kafka;
    local = await startLocalKafka({ partitions: 3 });
    client = new Kafka({ brokers: [local.bootstrap], logLevel: logLevel.NOTHING, clientId: 'dist-e2e' });
  });

  afterAll(async () => {
    if (!local) return;
    const { pids, workDir } = local;
    await local.stop();
    expect(alive(pids.kafka)).toBe(false);
    expect(alive(pids.zookeeper)).toBe(false);
    expect(existsSync(workDir)).toBe(false);
  });

  it('is a kafka_<scala>-<version>.tgz with one top folder, libs/*.jar and a lean, single-binding jar set', async () => {
    const name = distName(kafkaSettings);
    const dist = local!.dist;
    expect(dist.path.endsWith(`/.cache/${name}.tgz`)).toBe(true);
    const entries = await listTarball(dist.path);
    expect(layoutProblems(entries, name)).toEqual([]);
    const jars = entries.filter((e) => e.startsWith(`${name}/libs/`) && e.endsWith('.jar')).map((e) => e.slice(`${name}/libs/`.length));
    expect(libsProblems(jars, kafkaSettings)).toEqual([]);
    const version = await readFile(join(local!.distHome, 'VERSION'), 'utf8');
    expect(version).toContain(`kafka.version=${kafkaSettings.version}\n`);
    expect(version).toContain(`libs=${jars.length}\n`);
  });

  it('is cached: a second run does no work and gives the same sha512', async () => {
    const first = local!.dist;
    const again = await localDistribution();
    expect(again).toEqual({ ...first, cached: true });
  });

  it('is reproducible: `npm run dist -- --json --force` elsewhere builds the same sha512, stdout one JSON document', async () => {
    if (kafkaSettings.source !== 'maven') return; // url/file sources are verified against their pinned sha512
    const otherCache = await mkdtemp(join(tmpdir(), 'dist-rebuild-'));
    try {
      const repo = join(import.meta.dirname, '../..');
      const { stdout, stderr } = await run(join(repo, 'node_modules/.bin/tsx'), [join(repo, 'scripts/dist.ts'), '--json', '--force', '--cache-dir', otherCache], { cwd: repo });
      // Maven ran (its log is in the cache folder), yet stdout holds only the JSON document
      expect(stderr).toContain('from Maven Central');
      expect(stdout.endsWith('\n') && stdout.trim().split('\n').length === 1).toBe(true);
      const rebuilt = JSON.parse(stdout) as { sha512: string; cached: boolean; path: string };
      expect(rebuilt.cached).toBe(false);
      expect(rebuilt.path).toBe(join(otherCache, `${distName(kafkaSettings)}.tgz`));
      expect(rebuilt.sha512).toBe(local!.dist.sha512);
    } finally {
      await rm(otherCache, { recursive: true, force: true });
    }
  });

  it('runs ZooKeeper standalone, answering the whitelisted four-letter words', async () => {
    const [host, port] = local!.zookeeper.split(':');
    expect(await fourLetterWord(host!, Number(port), 'ruok')).toBe('imok');
    expect(await fourLetterWord(host!, Number(port), 'srvr')).toMatch(/^Mode: standalone$/m);
  });

  it('creates a topic with kafka-tools TopicCommand and round-trips keyed messages through the broker', async () => {
    const launcher = join(local!.distHome, 'bin', 'kafka-run-class.sh');
    await run(launcher, ['org.apache.kafka.tools.TopicCommand', '--bootstrap-server', local!.bootstrap, '--create', '--topic', 'round-trip', '--partitions', '3', '--replication-factor', '1']);
    const admin = client.admin();
    await admin.connect();
    const meta = await admin.fetchTopicMetadata({ topics: ['round-trip'] });
    await admin.disconnect();
    expect(meta.topics[0]!.partitions).toHaveLength(3);

    const sent = Array.from({ length: 300 }, (_, i) => ({ key: `page${i % 100}`, value: `page${i % 100}|${(i % 5) + 1}|1.5|1#${i}` }));
    const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'round-trip', acks: -1, messages: sent });
    await producer.disconnect();

    const received: { key: string; value: string; partition: number }[] = [];
    const consumer = client.consumer({ groupId: 'dist-e2e' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'round-trip', fromBeginning: true });
    const all = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
          if (received.length >= sent.length) resolve();
        },
      });
    });
    await Promise.race([all, new Promise((_, reject) => setTimeout(() => reject(new Error(`consumed ${received.length}/${sent.length} in 60 s`)), 60_000))]);
    await consumer.disconnect();

    expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
    // keyed messages: every key lives in exactly one partition
    const partitionsOfKey = new Map<string, Set<number>>();
    for (const m of received) partitionsOfKey.set(m.key, (partitionsOfKey.get(m.key) ?? new Set()).add(m.partition));
    expect([...partitionsOfKey.values()].every((p) => p.size === 1)).toBe(true);
    expect(new Set(received.map((m) => m.partition)).size).toBe(3);
  });

  it('runs kafka-tools ProducerPerformance against the broker', async () => {
    const launcher = join(local!.distHome, 'bin', 'kafka-run-class.sh');
    const { stdout } = await run(launcher, [
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic', 'perf', '--num-records', '1000', '--record-size', '100', '--throughput', '-1',
      '--producer-props', `bootstrap.servers=${local!.bootstrap}`, 'acks=all',
    ], { timeout: 120_000 });
    // the final summary line: "1000 records sent, N records/sec (M MB/sec), A ms avg latency, X ms max latency, ..."
    expect(stdout).toMatch(/^1000 records sent, [\d.]+ records\/sec \([\d.]+ MB\/sec\), [\d.]+ ms avg latency, [\d.]+ ms max latency, \d+ ms 50th, \d+ ms 95th, \d+ ms 99th, \d+ ms 99\.9th\.$/m);
    const admin = client.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets('perf');
    await admin.disconnect();
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(1000);
  });
});

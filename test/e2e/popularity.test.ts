// The page-popularity job against a real local ZooKeeper + broker: the producer's ledger of
// ACKED messages is the truth; the job's final popularity must equal the oracle computed from it,
// also after the job is killed with SIGKILL mid-stream and restarted, and malformed input of every
// kind is counted and dead-lettered without stopping anything.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKafkaClient, formatTopicDescription, readTopic, type KafkaClientPort } from '../../src/kafka/index.js';
import { PopularityJob } from '../../src/popularity/job.js';
import { inLogOrder, type LedgerEntry } from '../../src/popularity/ledger.js';
import { diffPopularity, popularityOf, topN } from '../../src/popularity/oracle.js';
import { readPopularity } from '../../src/popularity/output.js';
import { runProducer } from '../../src/popularity/producer.js';
import type { JobReport } from '../../src/popularity/report.js';
import { startLocalKafka, type LocalKafka } from '../support/local-kafka.js';
import { describeIf } from '../support/requirements.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

function missingTools(): string | null {
  for (const tool of ['java', 'mvn', 'tar']) {
    if (!(process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, tool)))) return `needs ${tool} on PATH`;
  }
  return null;
}

describeIf(missingTools(), 'page-popularity job on a local broker', () => {
  let kafka: LocalKafka;
  let client: KafkaClientPort;
  let work: string;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'popularity-e2e-'));
    kafka = await startLocalKafka({ partitions: 3 });
    client = createKafkaClient({ brokers: [kafka.bootstrap], logLevel: 'error', clientId: 'popularity-e2e' });
  }, 240_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await kafka?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }, 120_000);

  async function createTopic(topic: string, partitions = 3): Promise<void> {
    const admin = await client.admin();
    try {
      expect(await admin.createTopic({ topic, partitions, replicationFactor: 1 })).toBe(true);
    } finally {
      await admin.disconnect();
    }
  }

  async function produce(topic: string, o: { count?: number; rate?: number; seed: number; signal?: AbortSignal }): Promise<LedgerEntry[]> {
    const ledger: LedgerEntry[] = [];
    const producer = await client.producer();
    try {
      const s = await runProducer(producer, { topic, batchSize: 250, onAcked: (e) => void ledger.push(...e), ...o });
      expect(s.inDoubt).toEqual([]);
      expect(s.acked).toBe(ledger.length);
    } finally {
      await producer.disconnect();
    }
    return ledger;
  }

  function expectMatchesOracle(report: JobReport, ledger: LedgerEntry[]): void {
    const oracle = popularityOf(inLogOrder(ledger).map((e) => e.value));
    expect(report.consumed).toBe(ledger.length);
    expect(report.malformed).toBe(oracle.malformed);
    expect(diffPopularity(oracle.final, report.final)).toEqual([]);
    expect(report.top10.map(([page]) => page)).toEqual(topN(oracle.final).map(([page]) => page));
  }

  /** Runs scripts/popularity.ts as a child process; resolves on exit with its output. */
  function jobProcess(args: string[]): { child: ChildProcess; stderr: () => string; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/popularity.ts', '--bootstrap', kafka.bootstrap, ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
      child.once('exit', (code, signal) => {
        children.delete(child);
        resolve({ code, signal, stdout, stderr });
      }),
    );
    return { child, stderr: () => stderr, done };
  }

  it('produce 5,000 + job to idle: final equals the oracle, the topic holds every acked message once', async () => {
    const topic = 'pop-exact';
    await createTopic(topic);
    const ledger = await produce(topic, { count: 5_000, seed: 11 });
    expect(ledger).toHaveLength(5_000);

    const tables: string[] = [];
    const job = new PopularityJob(client, {
      topic, group: 'exact', checkpointDir: join(work, 'cp-exact'), intervalMs: 500, untilIdleMs: 3_000, replicationFactor: 1, print: (t) => tables.push(t),
    });
    const report = await job.run();
    expectMatchesOracle(report, ledger);
    expect(report.batches).toBeGreaterThanOrEqual(1);
    expect(report.batch_ms_p50).not.toBeNull();
    expect(tables.at(-1)).toMatch(/^ 1 {2}page\d+ /m);

    // The topic, read back: every acked message exactly once, at the offset its ack reported.
    const { records, complete } = await readTopic(client, topic);
    expect(complete).toBe(true);
    expect(records).toHaveLength(5_000);
    const at = new Map(records.map((r) => [`${r.partition}:${r.offset}`, r]));
    const ids = new Set(records.map((r) => r.headers.id));
    expect(ids.size).toBe(5_000);
    for (const e of ledger) {
      const r = at.get(`${e.partition}:${e.offset}`);
      expect(r?.value).toBe(e.value);
      expect(r?.headers.id).toBe(e.id);
    }
    // Keyed by page id: each page lives in exactly one partition.
    const partitionsOfPage = new Map<string, Set<number>>();
    for (const r of records) partitionsOfPage.set(r.key!, (partitionsOfPage.get(r.key!) ?? new Set()).add(r.partition));
    expect([...partitionsOfPage.values()].every((s) => s.size === 1)).toBe(true);

    // The compacted output topic carries the same popularity for other systems.
    const published = await readPopularity(client, report.output_topic);
    expect(diffPopularity(report.final, published)).toEqual([]);
    const admin = await client.admin();
    try {
      const [described] = await admin.describeTopics([report.output_topic]);
      const ours = formatTopicDescription(described!);
      expect(ours).toContain('Configs: cleanup.policy=compact');
      // Same text as Kafka's own kafka-topics --describe (minus TopicId, which we cannot see).
      const { stdout } = await run('java', ['-Xmx128m', '-cp', `${kafka.distHome}/libs/*`, 'org.apache.kafka.tools.TopicCommand',
        '--bootstrap-server', kafka.bootstrap, '--describe', '--topic', report.output_topic], { timeout: 60_000 });
      const theirs = stdout.split('\n').filter((l) => l.includes('Topic: ')).map((l) => l.replace(/\tTopicId: [^\t]+/, '')).join('\n');
      expect(ours).toBe(theirs);
    } finally {
      await admin.disconnect();
    }
  });

  it('job killed with SIGKILL mid-stream and restarted: exact result, nothing counted twice', async () => {
    const topic = 'pop-crash';
    await createTopic(topic);
    const checkpointDir = join(work, 'cp-crash');
    const args = ['--topic', topic, '--group', 'crash', '--checkpoint-dir', checkpointDir, '--interval-ms', '300', '--checkpoint-every', '2', '--replication-factor', '1', '--json'];

    // The job runs while the producer is still sending; it is killed once it has checkpointed.
    const first = jobProcess(args);
    const producing = produce(topic, { count: 12_000, rate: 2_000, seed: 12 });
    const folder = join(checkpointDir, `topic=${topic}`, 'group=crash');
    const deadline = Date.now() + 60_000;
    while (!(await readdir(folder).catch(() => [])).some((n) => n.endsWith('.json'))) {
      if (Date.now() > deadline) throw new Error(`no checkpoint after 60 s; job stderr:\n${first.stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 700)); // mid-stream: between checkpoints, more applied than saved
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe(''); // no report: it really died before finishing

    const ledger = await producing;
    expect(ledger).toHaveLength(12_000);
    const second = jobProcess([...args, '--until-idle', '4']);
    const result = await second.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/resuming from checkpoint at offset [1-9]/);
    const report = JSON.parse(result.stdout) as JobReport;
    expectMatchesOracle(report, ledger);
    expect(report.partitions.reduce((n, p) => n + p.next_offset, 0)).toBe(12_000);
  });

  it('two instances in one group split the partitions and hand state over on rebalance', async () => {
    const topic = 'pop-group';
    await createTopic(topic, 4);
    const checkpointDir = join(work, 'cp-group');
    const options = { topic, group: 'pair', checkpointDir, intervalMs: 300, checkpointEvery: 2, replicationFactor: 1 };
    const a = new PopularityJob(client, options); // runs until told to stop
    const runA = a.run();
    const producing = produce(topic, { count: 8_000, rate: 2_000, seed: 13 });
    await new Promise((r) => setTimeout(r, 1_500));
    const b = new PopularityJob(client, { ...options, untilIdleMs: 6_000 }); // joins mid-stream: A gives up partitions
    const runB = b.run();
    const ledger = await producing;
    await new Promise((r) => setTimeout(r, 1_500));
    a.stop(); // leaves the group: B takes A's partitions over from their checkpoints
    const ra = await runA;
    const rb = await runB;

    // They split the partitions while both ran...
    expect(ra.records_read).toBeGreaterThan(0);
    expect(ra.partitions.length).toBeGreaterThan(0);
    expect(ra.partitions.length).toBeLessThan(4);
    // ...and B, left alone, ends with all four and the exact result.
    expect(rb.partitions.map((p) => p.partition)).toEqual([0, 1, 2, 3]);
    expectMatchesOracle(rb, ledger);
    for (const p of ra.partitions) {
      expect(rb.partitions.find((q) => q.partition === p.partition)!.next_offset).toBeGreaterThanOrEqual(p.next_offset);
    }

    // The compacted output topic holds the global popularity, whichever instance published it.
    const published = await readPopularity(client, rb.output_topic);
    expect(diffPopularity(popularityOf(ledger.map((e) => e.value)).final, published)).toEqual([]);
  });

  it('malformed input of every kind is counted and dead-lettered, and the job keeps going', async () => {
    const topic = 'pop-malformed';
    await createTopic(topic);
    const bad: [string, string][] = [
      ['page1|1|0.5', 'field-count'],
      ['page1|1|0.5|1|extra', 'field-count'],
      ['|1|0.5|1', 'empty-page'],
      ['page1|-1|0.5|1', 'invalid-clicks'],
      ['page1|1.5|0.5|1', 'invalid-clicks'],
      ['page1|1|NaN|1', 'invalid-stay'],
      ['page1|1|-0.5|1', 'invalid-stay'],
      ['page1|1|Infinity|1', 'invalid-stay'],
      ['page1|1|0.5|2', 'invalid-like'],
      ['', 'empty'],
    ];
    const lines = ['page001.html|1|0.5|1', ...bad.map(([line]) => line), 'page2|5|2.5|0', 'page001.html|2|1|-1'];
    const ledger: LedgerEntry[] = [];
    const producer = await client.producer();
    try {
      const s = await runProducer(producer, {
        topic, count: lines.length, seed: 1,
        next: (i) => ({ key: lines[i]!.split('|')[0] || 'no-page', value: lines[i]! }),
        onAcked: (e) => void ledger.push(...e),
      });
      expect(s.acked).toBe(lines.length);
    } finally {
      await producer.disconnect();
    }

    const job = new PopularityJob(client, { topic, group: 'malformed', checkpointDir: join(work, 'cp-malformed'), intervalMs: 300, untilIdleMs: 3_000, replicationFactor: 1 });
    const report = await job.run();
    expect(report.malformed).toBe(bad.length);
    expect(report.consumed).toBe(lines.length);
    expect(report.final['page001.html']).toBeCloseTo(2.2 + 1.4, 9);
    expect(report.final.page2).toBeCloseTo(6, 9);
    expectMatchesOracle(report, ledger);

    const { records } = await readTopic(client, report.dlq_topic);
    expect(records).toHaveLength(bad.length);
    const byValue = new Map(records.map((r) => [r.value ?? '', r]));
    for (const [line, reason] of bad) {
      const r = byValue.get(line);
      expect(r?.headers['dlq.reason'], line).toBe(reason);
      const source = ledger.find((e) => e.value === line)!;
      expect(r?.headers['dlq.partition']).toBe(String(source.partition));
      expect(r?.headers['dlq.offset']).toBe(String(source.offset));
    }
  });
});

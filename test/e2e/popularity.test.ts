// The page-popularity job against a real local ZooKeeper + broker: the producer's ledger of
// ACKED messages is the truth; the job's final popularity must equal the oracle computed from it,
// also after the job is killed with SIGKILL mid-stream and restarted, and malformed input of every
// kind is counted and dead-lettered without stopping anything.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { readLag } from '../../src/acceptance/catch-up.js';
import { createKafkaClient, formatTopicDescription, readTopic, type KafkaClientPort } from '../../src/kafka/index.js';
import { CheckpointStore } from '../../src/popularity/checkpoint.js';
import { PopularityJob } from '../../src/popularity/job.js';
import { inLogOrder, type LedgerEntry } from '../../src/popularity/ledger.js';
import { diffPopularity } from '../../src/popularity/oracle.js';
import { readPopularity } from '../../src/popularity/output.js';
import { runProducer } from '../../src/popularity/producer.js';
import type { JobReport } from '../../src/popularity/report.js';
import { startLocalKafka, type LocalKafka } from '../support/local-kafka.js';
import { describeIf } from '../support/requirements.js';
import { seedPopularity, seedTop10 } from '../support/seed-oracle.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

function missingTools(): string | null {
  for (const tool of ['java', 'mvn', 'tar']) {
    if (!(process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, tool)))) return `needs ${tool} on PATH`;
  }
  return null;
}

/** Partitions a job owns now, from its "assigned partitions 0,2" / "revoked partitions 2" log lines. */
function ownedFromLog(lines: string[]): number[] {
  const owned = new Set<number>();
  for (const line of lines) {
    const m = /^(assigned|revoked) partitions ([\d,]+)(?:: .*)?$/.exec(line);
    for (const p of m ? m[2]!.split(',').map(Number) : []) {
      if (m![1] === 'assigned') owned.add(p);
      else owned.delete(p);
    }
  }
  return [...owned].sort((x, y) => x - y);
}

/** Records a job has applied and printed, summed from its "batch N: R records in" headings. */
function appliedFromLog(text: string): number {
  return [...text.matchAll(/-- batch \d+: (\d+) records in /g)].reduce((n, m) => n + Number(m[1]), 0);
}

/** Partition -> offset the job resumed from, the first time it loaded each partition. */
function firstResumes(text: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of text.matchAll(/^partition (\d+): resuming from checkpoint at offset (\d+)$/gm)) {
    if (!out.has(Number(m[1]))) out.set(Number(m[1]), Number(m[2]));
  }
  return out;
}

/** Rejects as soon as the job's run fails (never resolves otherwise): raced against a wait. */
function failureOf(run: Promise<unknown>): Promise<never> {
  return new Promise<never>((_, reject) => void run.catch(reject));
}

/** The state letter of /proc/<pid>/stat: R, S, T (stopped), ... */
async function processState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
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

  async function produce(topic: string, o: { count?: number; rate?: number; intervalMs?: number; seed: number; signal?: AbortSignal }): Promise<LedgerEntry[]> {
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

  /** The job's result against test/support/seed-oracle.ts, which shares no code with the job. */
  function expectMatchesOracle(report: JobReport, ledger: LedgerEntry[]): void {
    const oracle = seedPopularity(inLogOrder(ledger).map((e) => e.value));
    expect(report.consumed).toBe(ledger.length);
    expect(report.malformed).toBe(oracle.malformed);
    expect(diffPopularity(oracle.final, report.final)).toEqual([]);
    expect(report.top10.map(([page]) => page)).toEqual(seedTop10(oracle.final).map(([page]) => page));
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
    const store = new CheckpointStore(checkpointDir, topic, 'crash');

    // The job runs while the producer sends (until told to stop: the stream still flows whenever
    // the job gets to it). It is killed mid-stream, between checkpoints: having applied more than
    // it saved. To know that for certain, the job is frozen (SIGSTOP) while its printed batches
    // and its checkpoint files are read: frozen, it can neither apply nor save, so what was read
    // still holds when it is killed. Until then it is thawed (SIGCONT) and looked at again.
    const first = jobProcess(args);
    const sending = new AbortController();
    const producing = produce(topic, { rate: 2_000, intervalMs: 100, seed: 12, signal: sending.signal });
    const pid = first.child.pid!;
    const betweenCheckpoints = vi.waitFor(async () => {
      first.child.kill('SIGSTOP');
      let frozen = false;
      try {
        await vi.waitFor(async () => expect(await processState(pid)).toBe('T'), { timeout: 10_000, interval: 5 });
        const applied = appliedFromLog(first.stderr());
        const saved = new Map<number, number>();
        for (const partition of [0, 1, 2]) {
          const checkpoint = await store.load(partition);
          if (checkpoint) saved.set(partition, checkpoint.nextOffset);
        }
        const savedTotal = [...saved.values()].reduce((n, o) => n + o, 0);
        if (!(savedTotal > 0 && applied > savedTotal)) {
          throw new Error(`not between checkpoints yet: applied ${applied}, checkpointed ${savedTotal}; job stderr:\n${first.stderr().slice(-3_000)}`);
        }
        frozen = true;
        return { applied, saved };
      } finally {
        if (!frozen) first.child.kill('SIGCONT');
      }
    }, { timeout: 120_000, interval: 200 });
    const atKill = await Promise.race([
      betweenCheckpoints,
      first.done.then(({ code, signal, stderr }) => {
        throw new Error(`the job ended (${signal ?? `code ${code}`}) before it was killed; stderr:\n${stderr}`);
      }),
    ]);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe(''); // no report: it really died before finishing

    sending.abort();
    const ledger = await producing;
    expect(ledger.length).toBeGreaterThanOrEqual(atKill.applied); // what the job applied had been acked
    const second = jobProcess([...args, '--until-idle', '4']);
    const result = await second.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/resuming from checkpoint at offset [1-9]/);
    // It resumed exactly from the checkpoints the killed job had left, behind what that job had
    // applied: those records were applied again, and the exact result shows they count once.
    expect(firstResumes(result.stderr)).toEqual(atKill.saved);
    const report = JSON.parse(result.stdout) as JobReport;
    expectMatchesOracle(report, ledger);
    expect(report.partitions.reduce((n, p) => n + p.next_offset, 0)).toBe(ledger.length);
  });

  it('two instances in one group split the partitions and hand state over on rebalance', async () => {
    const topic = 'pop-group';
    await createTopic(topic, 4);
    const checkpointDir = join(work, 'cp-group');
    const options = { topic, group: 'pair', checkpointDir, intervalMs: 300, checkpointEvery: 2, replicationFactor: 1 };
    const logA: string[] = [];
    const logB: string[] = [];
    let batchesA = 0;
    // Both run until told to stop; what they do is followed in their logs (assigned / revoked
    // partitions) and A's printed batches.
    const a = new PopularityJob(client, { ...options, log: (l) => logA.push(l), print: () => void batchesA++ });
    const runA = a.run();
    // The producer sends until the partitions are split, so that B joins mid-stream.
    const sending = new AbortController();
    const producing = produce(topic, { rate: 2_000, intervalMs: 100, seed: 13, signal: sending.signal });
    // B joins once A, alone in the group, owns all four partitions and has processed records.
    await Promise.race([
      failureOf(runA),
      vi.waitFor(() => {
        expect(ownedFromLog(logA)).toEqual([0, 1, 2, 3]);
        expect(batchesA).toBeGreaterThan(0);
      }, { timeout: 120_000, interval: 100 }),
    ]);
    const b = new PopularityJob(client, { ...options, log: (l) => logB.push(l) }); // joins mid-stream: A gives up partitions
    const runB = b.run();
    await Promise.race([
      failureOf(runA),
      failureOf(runB),
      vi.waitFor(() => {
        expect(ownedFromLog(logA).length, logA.join('\n')).toBeGreaterThan(0);
        expect(ownedFromLog(logA).length, logA.join('\n')).toBeLessThan(4);
        expect(ownedFromLog(logB).length, logB.join('\n')).toBeGreaterThan(0);
      }, { timeout: 120_000, interval: 100 }),
    ]);
    sending.abort();
    const ledger = await producing;
    a.stop(); // leaves the group: B takes A's partitions over from their checkpoints
    const ra = await runA;
    // B, left alone, stops once it owns all four and its checkpoints have reached the end of each.
    const admin = await client.admin();
    try {
      await Promise.race([
        failureOf(runB),
        vi.waitFor(async () => {
          expect(ownedFromLog(logB), logB.join('\n')).toEqual([0, 1, 2, 3]);
          expect(await readLag(admin, new CheckpointStore(checkpointDir, topic, 'pair'), topic)).toEqual([]);
        }, { timeout: 120_000, interval: 200 }),
      ]);
    } finally {
      await admin.disconnect();
    }
    b.stop();
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
    expect(diffPopularity(seedPopularity(ledger.map((e) => e.value)).final, published)).toEqual([]);
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

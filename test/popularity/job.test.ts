import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckpointStore, type Checkpoint } from '../../src/popularity/checkpoint.js';
import { PopularityJob } from '../../src/popularity/job.js';
import { parseBatchStats } from '../../src/popularity/job-stats.js';
import { diffPopularity } from '../../src/popularity/oracle.js';
import { PartitionState } from '../../src/popularity/state.js';
import { seedPopularity } from '../support/seed-oracle.js';
import { FakeKafka } from './fake-kafka.js';

let dir: string;
const running: { job: PopularityJob; report: Promise<unknown> }[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'job-'));
});
afterEach(async () => {
  // a test that failed half-way leaves its job running: stop it before its folder goes
  for (const { job, report } of running.splice(0)) {
    job.stop();
    await report.catch(() => {});
  }
  await rm(dir, { recursive: true, force: true });
});

// Pages a and b occur in both halves: a state kept after its partition left would show in their sums.
const lines = ['a|1|0.5|1', 'b|2|1|0', 'a|x|1|1', 'a|3|2.5|-1', 'c|1|1|1', 'b|1|0|1'];

function start(kafka: FakeKafka, extra: { checkpointEvery?: number } = {}) {
  const tables: string[] = [];
  const logs: string[] = [];
  const job = new PopularityJob(kafka.client, {
    topic: 't', group: 'g', checkpointDir: dir, intervalMs: 10, print: (t) => tables.push(t), log: (l) => logs.push(l), ...extra,
  });
  const report = job.run();
  running.push({ job, report });
  return { job, tables, logs, report };
}

/** The partition's checkpoint once the job has written it (it writes in the background). */
function checkpointOf(partition: number): Promise<Checkpoint> {
  const store = new CheckpointStore(dir, 't', 'g');
  return vi.waitFor(async () => {
    const c = await store.load(partition);
    if (!c) throw new Error(`no checkpoint of partition ${partition} yet`);
    return c;
  }, { timeout: 10_000, interval: 5 });
}

describe('PopularityJob', () => {
  it('resumes from the checkpoint, not from a newer committed offset: seeks back, counts each record once', async () => {
    const kafka = new FakeKafka('t', 1);
    kafka.append(0, lines);
    const saved = new PartitionState(0, 0);
    saved.apply(0, lines[0]!);
    saved.apply(1, lines[1]!);
    await new CheckpointStore(dir, 't', 'g').save(saved.snapshot());

    const { job, tables, report } = start(kafka);
    await kafka.running;
    kafka.assign([0]);
    // a batch waits for its partition's state to load, so no wait is needed here
    expect(await kafka.deliver(0, 4)).toBeUndefined(); // Kafka's committed offset was ahead: a gap
    expect(kafka.seeks).toEqual([{ partition: 0, offset: 2 }]);
    expect(await kafka.deliver(0, 0)).toBe(5); // replayed from the start: 0 and 1 are skipped
    job.stop(); // the final micro-batch publishes, dead-letters, checkpoints and commits
    const r = await report;

    expect(diffPopularity(seedPopularity(lines).final, r.final)).toEqual([]);
    expect(r).toMatchObject({ consumed: 6, malformed: 1, skipped_replays: 2, dead_lettered: 1 });
    expect(kafka.commits.at(-1)).toEqual({ partition: 0, offset: 6 });
    expect((await new CheckpointStore(dir, 't', 'g').load(0))?.nextOffset).toBe(6);
    expect(tables.join('\n')).toMatch(/ 1 {2}a /);
    const dlq = kafka.logs.get('t-dlq')![0]!;
    expect(dlq).toEqual([expect.objectContaining({ value: 'a|x|1|1', headers: expect.objectContaining({ 'dlq.reason': 'invalid-clicks', 'dlq.offset': '2' }) })]);
    const published = new Map(kafka.logs.get('t-popularity')![0]!.map((m) => [m.key!, Number(m.value)]));
    expect(diffPopularity(r.final, published)).toEqual([]);
  });

  it('never publishes a revoked partition: what a failed send held back is dropped, not retried over its next owner', async () => {
    const kafka = new FakeKafka('t', 2);
    const others = ['p|1|0.5|1', 'q|2|1|0', 'p|x|1|1']; // pages only partition 0 has
    kafka.append(0, others);
    kafka.append(1, lines.slice(3));
    kafka.unavailable.add('t-popularity');
    const { job, logs, report } = start(kafka);
    await kafka.running;
    kafka.assign([0, 1]);
    await kafka.deliver(0, 0);
    await kafka.deliver(1, 0);
    expect(diffPopularity(seedPopularity([...others, ...lines.slice(3)]).final, job.popularity())).toEqual([]);
    await vi.waitFor(() => expect(logs.join('\n')).toMatch(/publishing failed, will retry: t-popularity: no leader/), { timeout: 10_000, interval: 5 });

    kafka.assign([1]);
    expect(diffPopularity(seedPopularity(lines.slice(3)).final, job.popularity())).toEqual([]);
    expect(logs.join('\n')).toMatch(/revoked partitions 0: dropped the state of 0; the next owner resumes from the last checkpoint/);
    kafka.unavailable.clear();
    await vi.waitFor(() => expect(kafka.logs.get('t-popularity')![0]!.length).toBeGreaterThan(0), { timeout: 10_000, interval: 5 });
    job.stop();
    const r = await report;

    // Everything published is partition 1's: none of partition 0's pages came late.
    const published = kafka.logs.get('t-popularity')![0]!.map((m) => `${m.key}=${m.value}`);
    const ownValues = [...seedPopularity(lines.slice(3)).final].map(([page, v]) => `${page}=${v}`);
    expect(published.sort()).toEqual(ownValues.sort());
    expect(await new CheckpointStore(dir, 't', 'g').load(0)).toBeNull();
    expect(r.partitions.map((p) => p.partition)).toEqual([1]);
    expect(r.consumed).toBe(3);
    // and its stats stop reporting partition 0 once it is gone
    const owned = kafka.logs.get('t-popularity-stats')![0]!.map((m) => parseBatchStats(m.value)!.partitions.map((p) => p.partition).join(','));
    expect(owned.at(-1)).toBe('1');
    expect(owned).toContain('0,1');
  });

  it('publishes its figures every interval on the stats topic: batch time, records, each owned partition\'s counts', async () => {
    const kafka = new FakeKafka('t', 1);
    kafka.append(0, lines);
    const { job, report } = start(kafka);
    await kafka.running;
    kafka.assign([0]);
    await kafka.deliver(0, 0);
    await vi.waitFor(() => expect(kafka.logs.get('t-popularity-stats')![0]!.length).toBeGreaterThan(2), { timeout: 10_000, interval: 5 });
    job.stop();
    const r = await report;

    const stats = kafka.logs.get('t-popularity-stats')![0]!.map((m) => ({ key: m.key, s: parseBatchStats(m.value)! }));
    expect(r.stats_topic).toBe('t-popularity-stats');
    expect(stats.every(({ key, s }) => s !== null && key === s.instance && s.interval_ms === 10)).toBe(true);
    expect(stats.map(({ s }) => s.interval)).toEqual(stats.map((_, i) => i + 1)); // one per interval, idle ones too
    expect(stats.reduce((n, { s }) => n + s.records, 0)).toBe(6);
    expect(stats.at(-1)!.s.partitions).toEqual([{ partition: 0, next_offset: 6, consumed: 6, malformed: 1 }]);
    expect(stats.at(-1)!.s.published).toBe(true);
  });

  it('publishes through a new producer session after a send whose acknowledgement was lost: nothing stalls, nothing is dropped', async () => {
    const kafka = new FakeKafka('t', 1);
    kafka.loseAck.add('t-popularity');
    const { job, logs, report } = start(kafka);
    await kafka.running;
    kafka.assign([0]);
    kafka.append(0, lines.slice(0, 3));
    await kafka.deliver(0, 0);
    await vi.waitFor(() => expect(logs.join('\n')).toMatch(/publishing failed, will retry: t-popularity: connection closed before the acknowledgement/), { timeout: 10_000, interval: 5 });
    // newer values of the same two pages: under the old session's numbers the broker would take
    // them for the batch that landed and drop them (other counts: refused on every retry, as CI saw)
    const newer = ['a|3|2.5|-1', 'b|1|0|1'];
    kafka.append(0, newer);
    await kafka.deliver(0, 3);
    const all = [...lines.slice(0, 3), ...newer];
    const published = () => new Map(kafka.logs.get('t-popularity')![0]!.map((m) => [m.key!, Number(m.value)]));
    await vi.waitFor(() => expect(diffPopularity(seedPopularity(all).final, published())).toEqual([]), { timeout: 10_000, interval: 5 });
    job.stop();
    const r = await report;
    expect(diffPopularity(seedPopularity(all).final, r.final)).toEqual([]);
    expect(logs.join('\n')).toMatch(/producer: a send failed \(.*\); the next send uses a new producer session/);
  });

  it('goes on when its stats cannot be published, and says so once', async () => {
    const kafka = new FakeKafka('t', 1);
    kafka.append(0, lines);
    kafka.unavailable.add('t-popularity-stats');
    const { job, logs, report } = start(kafka);
    await kafka.running;
    kafka.assign([0]);
    await kafka.deliver(0, 0);
    await vi.waitFor(() => expect(kafka.logs.get('t-popularity')![0]!.length).toBeGreaterThan(0), { timeout: 10_000, interval: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50)); // a few more intervals, each failing
    job.stop();
    const r = await report;
    expect(r.consumed).toBe(6);
    expect(logs.filter((l) => l.startsWith('stats: could not publish to t-popularity-stats'))).toHaveLength(1);
  });

  it('stops with an error on a damaged checkpoint instead of starting over', async () => {
    const kafka = new FakeKafka('t', 1);
    const store = new CheckpointStore(dir, 't', 'g');
    await store.save(new PartitionState(0, 0).snapshot());
    await writeFile(store.fileFor(0), '{"sha256":"00","body":"{}"}');
    const { report } = start(kafka);
    await kafka.running;
    kafka.assign([0]);
    await expect(report).rejects.toThrow(/checksum mismatch/);
  });

  it('stops by itself after the idle time', async () => {
    const kafka = new FakeKafka('t', 1);
    const job = new PopularityJob(kafka.client, { topic: 't', group: 'g', checkpointDir: dir, intervalMs: 10, untilIdleMs: 100 });
    const r = await job.run();
    expect(r).toMatchObject({ consumed: 0, batches: 0, final: {} });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { timePlainConsumer } from '../../bench/support/plain-consumer.js';
import { timeJob } from '../../bench/support/throughput.js';
import { jobProblems } from '../../bench/support/verdict.js';
import { FakeKafka } from '../popularity/fake-kafka.js';
import { seedPopularity } from '../support/seed-oracle.js';

const values = ['page1|1|0.5|1', 'page2|2|1|0', 'page1|x|1|1', 'page3|1|1|1', 'page2|5|3|-1'];
let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'bench-throughput-'))));
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

function topic(): FakeKafka {
  const kafka = new FakeKafka('t', 2);
  kafka.append(0, values.slice(0, 3));
  kafka.append(1, values.slice(3));
  return kafka;
}
const ends = [{ partition: 0, low: 0, high: 3 }, { partition: 1, low: 0, high: 2 }];

describe('timeJob', () => {
  it('times the job until every record is in its state, then returns its final report', async () => {
    // Only performance.now() is faked: the test moves the stopwatch, the job's timers stay real.
    vi.useFakeTimers({ toFake: ['performance'] });
    const kafka = topic();
    const timing = timeJob(kafka.client, { topic: 't', ends, checkpointDir: dir, timeoutMs: 5000, intervalMs: 10, log: () => {} });
    await kafka.running;
    kafka.assign([0, 1]);
    vi.advanceTimersByTime(1000);
    await kafka.deliver(0, 0); // first batch at 1000 ms
    vi.advanceTimersByTime(500);
    await kafka.deliver(1, 0); // every record in at 1500 ms
    vi.advanceTimersByTime(250); // stopping and the final report come after
    const t = await timing;
    expect(t).toMatchObject({ messages: 5, ms: 1500, streamingMs: 500, untilReportMs: 1750 });
    expect(t.report).toMatchObject({ consumed: 5, malformed: 1 });
    expect(jobProblems(t.report, seedPopularity(values), ends)).toEqual([]);
  });

  it('fails, with the job stopped, when not everything arrives in time', async () => {
    const kafka = topic();
    const timing = timeJob(kafka.client, { topic: 't', ends, checkpointDir: dir, timeoutMs: 300, intervalMs: 10, log: () => {} });
    await kafka.running;
    kafka.assign([0, 1]);
    await kafka.deliver(0, 0);
    await expect(timing).rejects.toThrow('not every record processed after 0 s: 3 of 5');
  });
});

describe('timePlainConsumer', () => {
  it('resolves the last record of each batch and stops at the end offsets', async () => {
    const kafka = topic();
    const timing = timePlainConsumer(kafka.client, 't', ends, 5000);
    await kafka.running;
    expect(await kafka.deliver(0, 0)).toBe(2);
    expect(await kafka.deliver(1, 0)).toBe(1);
    expect(await timing).toMatchObject({ messages: 5 });
  });
});

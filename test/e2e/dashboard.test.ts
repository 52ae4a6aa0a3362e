// The dashboard in a real headless browser (Debian's chromium, driven by playwright-core), on a
// KRaft cluster of three combined nodes on lab hosts (192.168.67.0/24), one cluster for the file.
// The seed's job runs to the end over produced messages (and a few malformed ones); the page must
// show its top 10, and its own figures from its stats topic (malformed count, batches); a
// SIGKILLed broker turns its row and the health summary red within 10 s and green after
// start-cluster; the lag chart moves while a producer runs and the job does not.
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { killServiceCommand } from '../../src/acceptance/kill-command.js';
import { settledWithin } from '../../src/core/deadline.js';
import { startCluster } from '../../src/cluster/lifecycle.js';
import { startDashboard, type RunningDashboard } from '../../src/dashboard/index.js';
import { createKafkaClient, type KafkaClientPort } from '../../src/kafka/index.js';
import { waitCaughtUp } from '../../src/acceptance/catch-up.js';
import { CheckpointStore } from '../../src/popularity/checkpoint.js';
import { PopularityJob, type JobOptions } from '../../src/popularity/job.js';
import { runProducer } from '../../src/popularity/producer.js';
import type { JobReport } from '../../src/popularity/report.js';
import { labCluster } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';

const TOPIC = 'dashboard-pages';
const MALFORMED = 5;
const log = (line: string) => process.stderr.write(`[dashboard] ${line}\n`);

/** One step of the set-up, logged, failing with its name at its deadline instead of hanging the hook. */
async function step<T>(name: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`set-up step "${name}" took over ${ms / 1000} s`)), ms)));
  try {
    const value = await Promise.race([fn(), deadline]);
    log(`set-up: ${name} done`);
    return value;
  } finally {
    clearTimeout(timer);
  }
}

describeIf(missingRoot(), 'dashboard: the live page in a browser', () => {
  const lab = labCluster({ name: 'dashboard', net: '192.168.67', topology: 'combined', kafkaHeap: '320m' });
  let client: KafkaClientPort;
  let report: JobReport;
  let dashboard: RunningDashboard | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let options: JobOptions;

  const produce = async (count: number, seed: number, rate?: number) => {
    const producer = await client.producer();
    try {
      return await runProducer(producer, { topic: TOPIC, count, seed, ...(rate ? { rate } : {}) });
    } finally {
      await producer.disconnect();
    }
  };

  beforeAll(async () => {
    await lab.up(log);
    client = createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), logLevel: 'nothing' });
    const admin = await client.admin();
    try {
      await admin.createTopic({ topic: TOPIC, partitions: 3, replicationFactor: 3 });
      expect((await produce(3000, 7)).acked).toBe(3000);
      const producer = await client.producer();
      await producer.send(TOPIC, Array.from({ length: MALFORMED }, (_, i) => ({ key: null, value: `not a behaviour ${i}` })));
      await producer.disconnect();
      // the job runs until its checkpoints reach the end of every partition, then stops
      options = { topic: TOPIC, group: `${TOPIC}-popularity-job`, checkpointDir: join(lab.dir, 'checkpoints'), checkpointEvery: 1, log };
      const job = new PopularityJob(client, options);
      const running = job.run();
      await step('the job catches up', 180_000, () => waitCaughtUp(admin, new CheckpointStore(options.checkpointDir, TOPIC, options.group), TOPIC, 120_000));
      job.stop();
      report = await step('the job stops with its report', 180_000, () => running);
    } finally {
      await admin.disconnect();
    }
    expect([report.consumed, report.malformed]).toEqual([3000 + MALFORMED, MALFORMED]);
    dashboard = await step('dashboard', 120_000, () => startDashboard(lab.ctx, { port: 0, topic: TOPIC, intervalMs: 1000, log }));
    browser = await step('chromium', 180_000, () => chromium.launch({ executablePath: '/usr/bin/chromium', headless: true }));
    page = await browser.newPage();
    await step('page', 60_000, () => page.goto(dashboard!.url, { timeout: 60_000 }));
  }, 900_000);

  afterAll(async () => {
    // bounded, so that the lab always comes down
    await settledWithin(browser?.close(), 30_000);
    await settledWithin(dashboard?.stop(), 30_000);
    await lab.down();
  }, 300_000);

  // what the server and the page had when each test ended: if a test fails, was the page behind
  // the server, or the server behind the cluster?
  afterEach(async () => {
    if (!dashboard || !page) return;
    const api = (await fetch(new URL('/api/snapshot', dashboard.url)).then((r) => r.json(), (e: Error) => ({ error: e.message }))) as Record<string, unknown>;
    const pageAt = await page.getAttribute('body', 'data-snapshot-at', { timeout: 2000 }).catch(() => null);
    const processes = (api.processes as Array<{ name: string; health: string; detail: string | null }> | undefined)?.map((p) => `${p.name}=${p.health}${p.detail ? ` (${p.detail})` : ''}`);
    log(`now ${new Date().toISOString()}; server snapshot ${String(api.at ?? api.error)}; page snapshot ${pageAt}; ${processes?.join(', ') ?? ''}`);
  });

  const healthOf = (process: string) => page.getAttribute(`#processes tr[data-process="${process}"]`, 'data-health');

  it('shows the ten hottest pages exactly as the job reported them, and a healthy cluster', async () => {
    const shown = async () =>
      page.$$eval('#top10 tbody tr', (rows) => rows.map((r) => [r.getAttribute('data-page'), Number(r.getAttribute('data-popularity'))]));
    // the first snapshot may take a while on a loaded machine: the page is served before it
    await expect.poll(shown, { timeout: 120_000, interval: 500 }).toEqual(report.top10);
    await expect.poll(() => page.getAttribute('#cluster-health', 'data-health'), { timeout: 20_000, interval: 500 }).toBe('ok');
    expect(await page.$$eval('#processes tbody tr', (rows) => rows.map((r) => r.getAttribute('data-process')))).toEqual(['node01/kafka', 'node02/kafka', 'node03/kafka']);
    const api = await (await fetch(new URL('/api/snapshot', dashboard!.url))).json();
    expect(api.top10.map((e: { page: string; popularity: number }) => [e.page, e.popularity])).toEqual(report.top10);
  });

  it('shows the job\'s own figures from its stats topic: its instance, its batches, the malformed count; stopped once it stopped', async () => {
    const figures = () => page.$eval('#job-batches', (p) => [Number(p.getAttribute('data-malformed')), Number(p.getAttribute('data-consumed'))]);
    await expect.poll(figures, { timeout: 30_000, interval: 500 }).toEqual([report.malformed, report.consumed]);
    expect(await page.$$eval('#instances tbody tr', (rows) => rows.length)).toBe(1);
    expect(Number(await page.getAttribute('#batch-chart', 'data-points'))).toBeGreaterThan(0);
    const [batchMs, intervalMs] = JSON.parse((await page.getAttribute('#batch-chart', 'data-last'))!);
    expect([batchMs >= 0, intervalMs]).toEqual([true, 1000]);
    // the job stopped before the page opened: within five intervals (10 s at least) it shows so
    await expect.poll(() => page.getAttribute('#job-batches', 'data-health'), { timeout: 30_000, interval: 500 }).toBe('down');
    expect(await page.textContent('#job-batches')).toMatch(/0 instances running .* not running: the last report came \d+ s ago/);
  });

  it('a SIGKILLed broker turns its row and the health summary red within 10 s, green again after start-cluster', async () => {
    await (await lab.ctx.sessions.session('node03')).exec(killServiceCommand('kafka'));
    const killed = Date.now();
    await expect.poll(() => healthOf('node03/kafka'), { timeout: 10_000, interval: 200 }).toBe('down');
    await expect.poll(() => page.getAttribute('#cluster-health', 'data-health'), { timeout: Math.max(1000, 10_000 - (Date.now() - killed)), interval: 200 }).toBe('down');
    log(`red after ${Date.now() - killed} ms`);
    await startCluster(lab.ctx);
    await expect.poll(() => healthOf('node03/kafka'), { timeout: 60_000, interval: 500 }).toBe('ok');
    await expect.poll(() => page.getAttribute('#cluster-health', 'data-health'), { timeout: 90_000, interval: 500 }).toBe('ok');
  });

  it('the lag chart moves while a producer runs and the job is stopped', async () => {
    const lagNow = async () => Number(JSON.parse((await page.getAttribute('#lag-chart', 'data-last')) ?? '[null]')[0]);
    await expect.poll(lagNow, { timeout: 20_000, interval: 500 }).toBe(0);
    const points = Number(await page.getAttribute('#lag-chart', 'data-points'));
    const producing = produce(2000, 8, 400);
    await expect.poll(lagNow, { timeout: 20_000, interval: 500 }).toBeGreaterThan(0);
    expect((await producing).acked).toBe(2000);
    await expect.poll(lagNow, { timeout: 20_000, interval: 500 }).toBe(2000);
    expect(Number(await page.getAttribute('#lag-chart', 'data-points'))).toBeGreaterThan(points);
  });

  it('a running job: its instance shows running with records processed per second, and the lag falls back to 0', async () => {
    const lagNow = async () => Number(JSON.parse((await page.getAttribute('#lag-chart', 'data-last')) ?? '[null]')[0]);
    const batches = (name: string) => page.getAttribute('#job-batches', `data-${name}`);
    const job = new PopularityJob(client, options); // resumes from its checkpoints: 2000 records behind
    const running = job.run();
    try {
      await expect.poll(() => batches('running'), { timeout: 60_000, interval: 250 }).toBe('1');
      await expect.poll(async () => Number(await batches('processed')), { timeout: 30_000, interval: 250 }).toBeGreaterThan(0);
      expect(await page.$$eval('#instances tbody tr', (rows) => rows.map((r) => r.lastElementChild?.textContent))).toContain('running');
      await expect.poll(lagNow, { timeout: 60_000, interval: 500 }).toBe(0);
    } finally {
      job.stop();
    }
    const second = await running;
    expect(second.consumed).toBe(report.consumed + 2000);
    await expect.poll(async () => Number(await batches('consumed')), { timeout: 20_000, interval: 500 }).toBe(report.consumed + 2000);
  });
});

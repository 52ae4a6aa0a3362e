#!/usr/bin/env tsx
// The dashboard's cost to the job, on a lab of three combined KRaft nodes (192.168.223.0/24,
// torn down whatever happens): the popularity job through KCP_BENCH_DASHBOARD_MESSAGES (400,000)
// seeded messages (after one run not measured) while `npm run dashboard` (its own process, as a user runs it) follows the
// job's topics with no page open, then with 20 pages open (20 Server-Sent Events streams read to
// the end), interleaved over KCP_BENCH_ROUNDS (3) rounds, each in the other order than the last. Goal: with 20 pages >= 0.95 of none.
// Every job result must equal the oracle. stdout: one JSON document (with `figures`).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guardedKafkaClient } from '../src/verify/guarded-client.js';
import type { Figure } from './support/figures.js';
import { withBenchCluster } from './support/lab-cluster.js';
import { benchMain, envInt, log } from './support/main.js';
import { produceParallel } from './support/produce.js';
import { median, perSecond, ratio } from './support/stats.js';
import { OracleTally } from './support/tally.js';
import { timeJob } from './support/throughput.js';
import { jobProblems } from './support/verdict.js';

const NET = process.env.KCP_BENCH_DASHBOARD_NET ?? '192.168.223';
const MESSAGES = envInt('KCP_BENCH_DASHBOARD_MESSAGES', 400_000);
const ROUNDS = Math.max(1, envInt('KCP_BENCH_ROUNDS', 3));
const PAGES = 20;
const GOAL = 0.95;
const REPO = fileURLToPath(new URL('../', import.meta.url));

/** `npm run dashboard` as a child; resolves with its URL once it serves. */
function startDashboardProcess(inventory: string, topic: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'scripts/dashboard.ts'), '--inventory', inventory, '--topic', topic, '--port', '0', '--interval-ms', '1000'], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the dashboard did not start in 60 s: ${err.slice(-500)}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const url = /^dashboard: (http\S+)/m.exec(err)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => reject(new Error(`the dashboard exited with ${code}: ${err.slice(-500)}`)));
  });
}

/** `n` pages: each an open event stream, read as it arrives; stop() closes them. */
function openPages(url: string, n: number): { received: () => number; stop: () => void } {
  const abort = new AbortController();
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    void fetch(new URL('/events', url), { signal: abort.signal })
      .then(async (res) => {
        for await (const chunk of res.body!) bytes += (chunk as Uint8Array).length;
      })
      .catch(() => undefined);
  }
  return { received: () => bytes, stop: () => abort.abort() };
}

await benchMain('dashboard', (partial) =>
  withBenchCluster({ name: 'bench-dashboard', net: NET, topology: 'combined', kafkaHeap: '512m' }, log, async (lab) => {
    const work = await mkdtemp(join(tmpdir(), 'kcp-bench-dashboard-'));
    let dashboard: ChildProcess | undefined;
    try {
      const client = await guardedKafkaClient(lab.cluster, 'kcp-bench');
      const topic = `bench-dashboard-${Date.now()}`;
      const admin = await client.admin();
      const tally = new OracleTally();
      try {
        await admin.createTopic({ topic, partitions: 3, replicationFactor: 3 });
        await produceParallel(client, { topic, loops: 4, count: MESSAGES, batchSize: 2000, seed: 3, onAcked: (e) => tally.add(e), log });
      } finally {
        await admin.disconnect();
      }
      const ends = await (async () => {
        const a = await client.admin();
        try {
          return await a.topicOffsets(topic);
        } finally {
          await a.disconnect();
        }
      })();
      const started = await startDashboardProcess(lab.inventory, topic);
      dashboard = started.child;
      log(`dashboard at ${started.url} (pid ${dashboard.pid}); ${ROUNDS} rounds of the job with no page, then ${PAGES} pages`);
      const run = async (label: string, round: number) => {
        const job = await timeJob(client, { topic, ends, checkpointDir: join(work, `${label}-${round}`), timeoutMs: 600_000, log });
        const problems = jobProblems(job.report, tally.oracle, ends);
        if (problems.length > 0) throw new Error(`${label} round ${round}: the job's result is wrong: ${problems.join('; ')}`);
        return perSecond(job.messages, job.ms);
      };
      // not measured: the first group makes the brokers create __consumer_offsets
      log(`warm-up run: ${await run('warm-up', 0)} msg/s`);
      const none: number[] = [];
      const open: number[] = [];
      let streamed = 0;
      const withPages = async (round: number) => {
        const pages = openPages(started.url, PAGES);
        try {
          open.push(await run('pages', round));
        } finally {
          streamed += pages.received();
          pages.stop();
        }
      };
      for (let round = 1; round <= ROUNDS; round++) {
        // which goes first alternates, so neither gains from running second
        if (round % 2 === 1) {
          none.push(await run('none', round));
          await withPages(round);
        } else {
          await withPages(round);
          none.push(await run('none', round));
        }
        log(`round ${round}: no page ${none.at(-1)} msg/s, ${PAGES} pages ${open.at(-1)} msg/s`);
      }
      const ratios = open.map((o, i) => ratio(o, none[i]!) ?? 0);
      partial.rounds = { none, pages: open, ratios, streamed_bytes: streamed };
      const figures: Figure[] = [
        { name: `job, dashboard with no page (median of ${ROUNDS})`, value: Math.round(median(none)!), unit: 'msg/s' },
        { name: `job, dashboard with ${PAGES} pages open (median of ${ROUNDS})`, value: Math.round(median(open)!), unit: 'msg/s' },
        { name: `${PAGES} pages / none`, value: median(ratios), unit: '', target: { op: '>=', value: GOAL }, reference: `rounds: ${ratios.join(', ')}` },
      ];
      return { ...partial, messages: tally.acked, figures };
    } finally {
      if (dashboard?.pid && dashboard.exitCode === null) {
        const exited = new Promise((r) => dashboard!.once('exit', r));
        dashboard.kill('SIGTERM');
        await exited;
      }
      await rm(work, { recursive: true, force: true });
    }
  }),
);

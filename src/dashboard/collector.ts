// One collector per dashboard, however many pages are open: every tick it reads every process's
// metrics and the output topic's latest values, takes the latest cluster status and job offsets
// (read beside the ticks: see Latest), and hands the snapshot to each subscriber (the open
// pages). Pages cost a write each, never a request to Kafka or a host.
import type { Ctx } from '../cluster/context.js';
import { settledWithin, withDeadline } from '../core/deadline.js';
import { clusterStatus, type StatusReport } from '../cluster/status.js';
import type { Process } from '../inventory/model.js';
import type { KafkaAdminPort } from '../kafka/index.js';
import type { Sample } from '../metrics/exposition.js';
import { metricsUrl, scrapeProcess } from '../metrics/scrape.js';
import { clusterHealth, History, processHealth, processMetrics, ratePerSecond, topTen, type JobView, type ProcessMetrics, type ProcessView, type Scrape, type Snapshot } from './model.js';
import { Latest } from './latest.js';
import { jobBatches } from './job-batches.js';
import type { JobStatsFollower } from './job-stats-follower.js';
import type { OutputTopicView } from './output-view.js';

export interface CollectorOptions {
  intervalMs?: number;
  /** how far back the charts go */
  windowMs?: number;
  /** the job's input topic and group, for lag and input rate */
  job?: { topic: string; group: string; admin: KafkaAdminPort };
  /** the job's compacted output topic */
  output?: OutputTopicView;
  /** the job's stats topic */
  stats?: Pick<JobStatsFollower, 'state' | 'error'>;
  status?: (ctx: Ctx) => Promise<StatusReport>;
  scrape?: (p: Process) => Promise<Sample[]>;
  /** a process's metrics read; default SCRAPE_TIMEOUT_MS */
  scrapeTimeoutMs?: number;
  log?: (line: string) => void;
}

type Listener = (s: Snapshot) => void;

/**
 * A slow exporter is not a dead one: a killed JVM refuses connections at once, so a generous
 * timeout does not delay the red row, while a short one (it was the tick interval, 1 s in the
 * test) can show a process down that only answers slowly on a loaded machine, and leaves the
 * exporter working on abandoned scrapes.
 */
const SCRAPE_TIMEOUT_MS = 5000;
const SCRAPE_GRACE_MS = 2000;
/** the cluster status and the job's offsets: SSH and Kafka, slow while a broker is down */
const READ_DEADLINE_MS = 60_000;
const STOP_WAIT_MS = 5000;
type ProcessRead = { metrics: ProcessMetrics } | { error: string };

export class DashboardCollector {
  private readonly listeners = new Set<Listener>();
  private readonly scrapes = new Map<string, Scrape>();
  private readonly topHistory: History;
  private readonly jobHistory: History;
  private lastInput: { at: number; total: number } | null = null;
  private readonly status: Latest<StatusReport>;
  private readonly job: Latest<JobView | null>;
  private latest: Snapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly windowMs: number;

  constructor(private readonly ctx: Ctx, private readonly o: CollectorOptions = {}) {
    this.intervalMs = o.intervalMs ?? 2000;
    this.windowMs = o.windowMs ?? 10 * 60_000;
    this.topHistory = new History(this.windowMs);
    this.jobHistory = new History(this.windowMs);
    const log = (what: string) => (err: Error) => o.log?.(`dashboard: ${what}: ${err.message}`);
    // a read that never settles would freeze its figures for good: each has a deadline
    this.status = new Latest(() => withDeadline((o.status ?? clusterStatus)(ctx), READ_DEADLINE_MS, 'cluster status'), log('cluster status'));
    this.job = new Latest(() => withDeadline(this.readJob(), READ_DEADLINE_MS, 'job offsets'), log('job offsets'));
  }

  /**
   * Ticks until stop(), the first at once. Returns without waiting for it: the page is served
   * from the start and shows "waiting for the first snapshot" until the cluster has been read.
   */
  start(): void {
    const run = () => {
      if (this.stopped) return;
      // a tick that fails (the hosts unreachable) keeps the last snapshot; the next one tries again
      this.running = this.tick()
        .then(() => undefined, (err: Error) => this.o.log?.(`dashboard: ${err.message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(run, this.intervalMs);
        });
    };
    run();
  }

  snapshot(): Snapshot | null {
    return this.latest;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops ticking; waits for the reads under way, each at most STOP_WAIT_MS (a stuck one is left behind). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([this.running, this.status.settled(), this.job.settled()].map((w) => settledWithin(w, STOP_WAIT_MS)));
  }

  async tick(): Promise<Snapshot> {
    const now = Date.now();
    const [status, processes, job] = await Promise.all([this.status.get(), this.readProcesses(), this.job.get()]);
    const views = status.processes.map((p): ProcessView => {
      const read = processes.get(p.name);
      return {
        name: p.name,
        host: p.host,
        roles: p.roles,
        id: p.id,
        pid: p.pid,
        quorum_role: p.quorum_role,
        ...processHealth(p, status, read && 'error' in read ? read.error : null),
        metrics: read && 'metrics' in read ? read.metrics : null,
      };
    });
    const summary = { under_replicated: status.under_replicated, under_min_isr: status.under_min_isr, offline: status.offline };
    const top10 = topTen(this.o.output?.pages() ?? new Map());
    this.topHistory.push({ t: now, values: Object.fromEntries(top10.map((e) => [e.page, e.popularity])) });
    if (job) {
      const partitions = Object.fromEntries(job.lag.map((l) => [`partition ${l.partition}`, l.lag ?? Number.NaN]));
      this.jobHistory.push({ t: now, values: { lag: job.total_lag ?? Number.NaN, ...partitions, messages_per_s: job.messages_per_s ?? Number.NaN } });
    }
    const stats = this.o.stats?.state();
    const snapshot: Snapshot = {
      at: new Date(now).toISOString(),
      cluster: {
        name: this.ctx.cluster.name,
        mode: status.mode,
        health: clusterHealth(status, summary, views),
        controller: status.controller,
        ...summary,
        problems: [...status.problems, ...(status.kafka_error ? [`Kafka: ${status.kafka_error}`] : []), ...(this.o.output?.error() ? [`output topic: ${this.o.output.error()}`] : [])],
      },
      processes: views,
      top10,
      top_history: this.topHistory.all(),
      job,
      job_history: this.jobHistory.all(),
      job_batches: stats ? jobBatches(stats, now, this.o.stats!.error()) : null,
      // the job may have stopped long ago: its batches leave the chart with time, not with new ones
      batch_history: (stats?.batches ?? [])
        .filter((b) => b.t > now - this.windowMs)
        .map((b) => ({ t: b.t, values: { batch_ms: b.batch_ms / b.covers, interval_ms: b.interval_ms, records: b.records } })),
    };
    this.latest = snapshot;
    for (const listener of this.listeners) listener(snapshot);
    return snapshot;
  }

  /** Each process's metrics, or why they could not be read (a dead JVM refuses at once). */
  private async readProcesses(): Promise<Map<string, ProcessRead>> {
    const cluster = this.ctx.cluster;
    const timeoutMs = this.o.scrapeTimeoutMs ?? SCRAPE_TIMEOUT_MS;
    const scrape = this.o.scrape ?? ((p: Process) => scrapeProcess(cluster, p, timeoutMs));
    const exporting = cluster.processes.filter((p) => metricsUrl(cluster, p) !== null);
    const entries = await Promise.all(
      exporting.map(async (p): Promise<[string, ProcessRead]> => {
        try {
          // bounded here too, not only by the fetch's own timeout: one read that never settles
          // would hold every tick after it, and the page would freeze on its last snapshot
          const current = { at: Date.now(), samples: await withDeadline(scrape(p), timeoutMs + SCRAPE_GRACE_MS, `${p.name}: its exporter`) };
          const metrics = processMetrics(this.scrapes.get(p.name) ?? null, current);
          this.scrapes.set(p.name, current);
          return [p.name, { metrics }];
        } catch (err) {
          this.scrapes.delete(p.name);
          return [p.name, { error: `metrics: ${(err as Error).message.replace(`${p.name}: `, '')}` }];
        }
      }),
    );
    return new Map(entries);
  }

  private async readJob(): Promise<JobView | null> {
    const job = this.o.job;
    if (!job) return null;
    const now = Date.now();
    try {
      const [ends, committed] = await Promise.all([job.admin.topicOffsets(job.topic), job.admin.groupOffsets(job.group, job.topic)]);
      const lag = ends.map((e) => {
        const c = committed.find((x) => x.partition === e.partition)?.offset ?? -1;
        return { partition: e.partition, lag: c < 0 ? null : Math.max(0, e.high - c) };
      });
      const total = ends.reduce((n, e) => n + e.high, 0);
      const rate = this.lastInput ? ratePerSecond(this.lastInput.total, total, now - this.lastInput.at) : null;
      this.lastInput = { at: now, total };
      const known = lag.filter((l) => l.lag !== null);
      return { topic: job.topic, group: job.group, lag, total_lag: known.length > 0 ? known.reduce((n, l) => n + l.lag!, 0) : null, messages_per_s: rate };
    } catch (err) {
      return { topic: job.topic, group: job.group, lag: [], total_lag: null, messages_per_s: null, error: (err as Error).message };
    }
  }
}


// What the dashboard shows, as data: one snapshot per tick, built from the cluster status, the
// processes' metrics, the job's output topic and its consumer group. Pure builders, so every
// colour the page shows is decided (and tested) here, not in the browser.
import type { StatusReport } from '../cluster/status.js';
import { sumOf, type Sample } from '../metrics/exposition.js';
import { topN } from '../popularity/oracle.js';
import type { JobBatchesView } from './job-batches.js';

export type Health = 'ok' | 'warn' | 'down';

export interface ProcessView {
  name: string;
  host: string;
  roles: string[];
  id: number;
  pid: number | null;
  /** ZooKeeper mode: leader / follower; KRaft: the controller quorum role */
  quorum_role: string | null;
  /** brokers: registered and not fenced */
  serving: boolean | null;
  health: Health;
  /** why it is not ok */
  detail: string | null;
  metrics: ProcessMetrics | null;
}

export interface ProcessMetrics {
  requests_per_s: number | null;
  produce_p99_ms: number | null;
  fetch_p99_ms: number | null;
  messages_in_per_s: number | null;
}

export interface PartitionSummary {
  under_replicated: number;
  under_min_isr: number;
  offline: number;
}

export interface ClusterView extends PartitionSummary {
  name: string;
  mode: string;
  health: Health;
  controller: number | null;
  problems: string[];
}

export interface JobView {
  topic: string;
  group: string;
  /** per input partition: high watermark minus the group's committed offset */
  lag: Array<{ partition: number; lag: number | null }>;
  total_lag: number | null;
  /** records arriving in the input topic per second */
  messages_per_s: number | null;
  /** why the offsets could not be read */
  error?: string;
}

export interface Point {
  /** ms since the epoch */
  t: number;
  values: Record<string, number>;
}

export interface Snapshot {
  at: string;
  cluster: ClusterView;
  processes: ProcessView[];
  top10: Array<{ page: string; popularity: number }>;
  /** popularity of the pages in today's top 10, over the last minutes */
  top_history: Point[];
  job: JobView | null;
  /** total lag, each partition's lag ("partition N") and the input rate over the last minutes */
  job_history: Point[];
  /** the job's own figures, from its stats topic */
  job_batches: JobBatchesView | null;
  /** each batch of the last minutes, in time order: batch_ms (the average when a record covers several), interval_ms, records */
  batch_history: Point[];
}

/** The counters' rate between two scrapes, per second; null without both or across a restart. */
export function ratePerSecond(before: number | null, after: number | null, ms: number): number | null {
  if (before === null || after === null || ms <= 0 || after < before) return null;
  return ((after - before) * 1000) / ms;
}

export interface Scrape {
  at: number;
  samples: Sample[];
}

export function processMetrics(previous: Scrape | null, current: Scrape): ProcessMetrics {
  const ms = previous ? current.at - previous.at : 0;
  const counter = (s: Scrape | null, name: string) => (s ? sumOf(s.samples, name) : null);
  const p99 = (request: string) => sumOf(current.samples, 'kafka_network_requestmetrics_totaltimems', { request, quantile: '0.99' });
  return {
    requests_per_s: ratePerSecond(counter(previous, 'kafka_network_requestmetrics_requests_total'), counter(current, 'kafka_network_requestmetrics_requests_total'), ms),
    produce_p99_ms: p99('Produce'),
    fetch_p99_ms: p99('Fetch'),
    messages_in_per_s: ratePerSecond(counter(previous, 'kafka_server_brokertopicmetrics_messagesin_total'), counter(current, 'kafka_server_brokertopicmetrics_messagesin_total'), ms),
  };
}

/**
 * A process is down when it has no pid, or its metrics endpoint does not answer (a killed JVM
 * refuses connections at once, long before Kafka's sessions time out); a broker that is not
 * registered or is fenced is not serving.
 */
export function processHealth(p: StatusReport['processes'][number], status: StatusReport, scrapeError: string | null): { health: Health; serving: boolean | null; detail: string | null } {
  const broker = p.roles.includes('broker') ? status.brokers.find((b) => b.host === p.host) : undefined;
  const serving = broker ? broker.registered && !broker.fenced : null;
  if (p.pid === null) return { health: 'down', serving, detail: 'not running' };
  if (scrapeError !== null) return { health: 'down', serving, detail: scrapeError };
  if (serving === false) return { health: 'warn', serving, detail: broker!.registered ? 'fenced' : 'not registered' };
  const member = status.quorum.voters.find((v) => v.id === p.id && (p.roles.includes('controller') || p.roles.includes('zookeeper')));
  if (member && !member.caught_up) return { health: 'warn', serving, detail: `lagging the quorum leader by ${member.lag ?? '?'}` };
  return { health: 'ok', serving, detail: null };
}

export function clusterHealth(status: StatusReport, summary: PartitionSummary, processes: readonly ProcessView[]): Health {
  if (summary.offline > 0 || status.controller === null || status.kafka_error) return 'down';
  if (summary.under_min_isr > 0 || processes.some((p) => p.health === 'down')) return 'down';
  if (summary.under_replicated > 0 || processes.some((p) => p.health !== 'ok') || status.problems.length > 0) return 'warn';
  return 'ok';
}

/** Ranked as the job ranks its own top 10 (popularity, then page id). */
export function topTen(latest: ReadonlyMap<string, number>): Array<{ page: string; popularity: number }> {
  return topN(new Map(latest)).map(([page, popularity]) => ({ page, popularity }));
}

/** Points of the last `windowMs`, oldest first; a new point drops those that fell out. */
export class History<P extends { t: number } = Point> {
  private points: P[] = [];

  constructor(private readonly windowMs: number) {}

  push(point: P): void {
    this.points.push(point);
    const from = point.t - this.windowMs;
    while (this.points.length > 0 && this.points[0]!.t < from) this.points.shift();
  }

  all(): P[] {
    return [...this.points];
  }
}

import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/cluster/status.js';
import { clusterHealth, History, processHealth, processMetrics, ratePerSecond, topTen, type ProcessView } from '../../src/dashboard/model.js';
import { parseExposition } from '../../src/metrics/exposition.js';

const proc = (over: Partial<StatusReport['processes'][number]> = {}): StatusReport['processes'][number] => ({
  name: 'n1/kafka', host: 'n1', service: 'kafka', roles: ['broker'], id: 1, pid: 100, version: '4.4.0', quorum_role: null, lag: null, fenced: false, ...over,
});
const status = (over: Partial<StatusReport> = {}): StatusReport => ({
  ok: true, mode: 'kraft', zookeeper: [], controller: 1, under_replicated: 0, under_min_isr: 0, offline: 0, problems: [],
  brokers: [{ host: 'n1', id: 1, registered: true, controller: true, fenced: false, pid: 100, version: '4.4.0' }],
  quorum: { leader: 1, voters: [{ id: 1, host: 'n1', role: 'leader', lag: 0, caught_up: true }] },
  processes: [proc()],
  ...over,
});
const view = (health: ProcessView['health']): ProcessView => ({ name: 'x', host: 'x', roles: [], id: 0, pid: 1, quorum_role: null, serving: null, health, detail: null, metrics: null });

describe('processHealth', () => {
  it('down without a pid, or when its metrics do not answer; warn when fenced, unregistered or lagging', () => {
    expect(processHealth(proc(), status(), null)).toEqual({ health: 'ok', serving: true, detail: null });
    expect(processHealth(proc({ pid: null }), status(), null)).toMatchObject({ health: 'down', detail: 'not running' });
    expect(processHealth(proc(), status(), 'metrics: connect ECONNREFUSED')).toMatchObject({ health: 'down', detail: 'metrics: connect ECONNREFUSED' });
    const fenced = status({ brokers: [{ ...status().brokers[0]!, fenced: true }] });
    expect(processHealth(proc(), fenced, null)).toEqual({ health: 'warn', serving: false, detail: 'fenced' });
    const gone = status({ brokers: [{ ...status().brokers[0]!, registered: false }] });
    expect(processHealth(proc(), gone, null)).toMatchObject({ health: 'warn', detail: 'not registered' });
    const lagging = status({ quorum: { leader: 2, voters: [{ id: 1, host: 'n1', role: 'follower', lag: 40, caught_up: false }] } });
    expect(processHealth(proc({ roles: ['controller'], service: 'controller' }), lagging, null)).toEqual({ health: 'warn', serving: null, detail: 'lagging the quorum leader by 40' });
  });
});

describe('clusterHealth', () => {
  const summary = { under_replicated: 0, under_min_isr: 0, offline: 0 };
  it('down on offline or under-min-ISR partitions, no controller, Kafka unreachable or a process down; warn on anything less', () => {
    expect(clusterHealth(status(), summary, [view('ok')])).toBe('ok');
    expect(clusterHealth(status(), { ...summary, under_replicated: 3 }, [view('ok')])).toBe('warn');
    expect(clusterHealth(status(), summary, [view('warn')])).toBe('warn');
    expect(clusterHealth(status({ problems: ['n2 (controller): not running'] }), summary, [view('ok')])).toBe('warn');
    expect(clusterHealth(status(), summary, [view('ok'), view('down')])).toBe('down');
    expect(clusterHealth(status(), { ...summary, under_min_isr: 1 }, [view('ok')])).toBe('down');
    expect(clusterHealth(status(), { ...summary, offline: 1 }, [view('ok')])).toBe('down');
    expect(clusterHealth(status({ controller: null }), summary, [view('ok')])).toBe('down');
    expect(clusterHealth(status({ kafka_error: 'timeout' }), summary, [view('ok')])).toBe('down');
  });
});

describe('processMetrics', () => {
  const scrape = (at: number, requests: number, messages: number) => ({
    at,
    samples: parseExposition(
      `kafka_network_requestmetrics_requests_total{request="Produce",version="9",} ${requests}\n` +
        `kafka_network_requestmetrics_requests_total{request="Fetch",version="16",} ${requests}\n` +
        `kafka_network_requestmetrics_totaltimems{request="Produce",quantile="0.99",} 7.5\n` +
        `kafka_server_brokertopicmetrics_messagesin_total ${messages}\n`,
    ),
  });
  it('rates from two scrapes; latencies from the last one', () => {
    expect(processMetrics(scrape(1000, 100, 10), scrape(3000, 300, 1010))).toEqual({ requests_per_s: 200, produce_p99_ms: 7.5, fetch_p99_ms: null, messages_in_per_s: 500 });
    expect(processMetrics(null, scrape(3000, 300, 1010)).requests_per_s).toBeNull();
  });
  it('no rate across a restart (a counter that went back) or without time between', () => {
    expect(ratePerSecond(500, 20, 1000)).toBeNull();
    expect(ratePerSecond(1, 2, 0)).toBeNull();
    expect(ratePerSecond(null, 2, 1000)).toBeNull();
  });
});

describe('topTen', () => {
  it('the ten highest, ties by page id', () => {
    const latest = new Map(Array.from({ length: 12 }, (_, i) => [`p${String(i).padStart(2, '0')}`, i % 6] as [string, number]));
    expect(topTen(latest).map((e) => `${e.page}=${e.popularity}`)).toEqual(['p05=5', 'p11=5', 'p04=4', 'p10=4', 'p03=3', 'p09=3', 'p02=2', 'p08=2', 'p01=1', 'p07=1']);
  });
});

describe('History', () => {
  it('keeps the points of the window, oldest first', () => {
    const h = new History(10_000);
    for (const t of [0, 4000, 8000, 12_000, 16_000]) h.push({ t, values: { v: t } });
    expect(h.all().map((p) => p.t)).toEqual([8000, 12_000, 16_000]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/cluster/context.js';
import type { StatusReport } from '../../src/cluster/status.js';
import { DashboardCollector } from '../../src/dashboard/collector.js';
import type { OutputTopicView } from '../../src/dashboard/output-view.js';
import { parseInventory } from '../../src/inventory/load.js';
import type { KafkaAdminPort } from '../../src/kafka/index.js';
import { parseExposition } from '../../src/metrics/exposition.js';
import { batchStatsFixture } from '../support/batch-stats.js';

const cluster = parseInventory('i.yaml', `cluster: { name: dash, kafka: { version: "4.4.0" } }
hosts:
  - { name: n1, address: 10.9.0.1, controller_id: 1, broker_id: 1 }
  - { name: n2, address: 10.9.0.2, controller_id: 2, broker_id: 2 }
`).cluster;
const ctx = { cluster } as Ctx;

const status = (): StatusReport => ({
  ok: true, mode: 'kraft', zookeeper: [], controller: 1, under_replicated: 1, under_min_isr: 0, offline: 0, problems: [],
  brokers: [1, 2].map((id) => ({ host: `n${id}`, id, registered: true, controller: id === 1, fenced: false, pid: 100 + id, version: '4.4.0' })),
  quorum: { leader: 1, voters: [1, 2].map((id) => ({ id, host: `n${id}`, role: id === 1 ? 'leader' : 'follower', lag: 0, caught_up: true })) },
  processes: [1, 2].map((id) => ({ name: `n${id}/kafka`, host: `n${id}`, service: 'kafka' as const, roles: ['controller' as const, 'broker' as const], id, pid: 100 + id, version: '4.4.0', quorum_role: id === 1 ? 'leader' : 'follower', lag: 0, fenced: false })),
});

describe('DashboardCollector', () => {
  it('one tick: each process with its health and metrics, the cluster, the top 10, the job lag; subscribers get it', async () => {
    let high = 100;
    let requests = 10;
    const admin = {
      topicOffsets: async () => [{ partition: 0, low: 0, high }, { partition: 1, low: 0, high: 50 }],
      groupOffsets: async () => [{ topic: 't', partition: 0, offset: 90 }, { topic: 't', partition: 1, offset: -1 }],
    } as unknown as KafkaAdminPort;
    const output = { pages: () => new Map([['a', 1], ['b', 3]]), error: () => null } as unknown as OutputTopicView;
    const collector = new DashboardCollector(ctx, {
      status: async () => status(),
      scrape: async (p) => {
        if (p.host.name === 'n2') throw new Error('n2/kafka: cannot read http://10.9.0.2:7071/metrics: fetch failed');
        return parseExposition(`kafka_network_requestmetrics_requests_total{request="Produce",version="9",} ${requests}\n`);
      },
      job: { topic: 't', group: 'g', admin },
      output,
      stats: {
        error: () => null,
        state: () => ({
          instances: [batchStatsFixture({ at: new Date().toISOString(), records: 5, batch_ms: 12 })],
          partitions: [{ partition: 0, next_offset: 90, consumed: 90, malformed: 4, at: Date.now() }],
          batches: [{ t: Date.now() - 11 * 60_000, instance: 'h/1', batch_ms: 1, interval_ms: 1000, covers: 1, records: 1 }, { t: Date.now(), instance: 'h/1', batch_ms: 24, interval_ms: 1000, covers: 2, records: 5 }],
          unreadable: 0,
        }),
      },
    });
    const seen: string[] = [];
    collector.subscribe((s) => seen.push(s.at));
    const first = await collector.tick();
    expect(first.cluster).toMatchObject({ name: 'dash', mode: 'kraft', health: 'down', controller: 1, under_replicated: 1 });
    expect(first.processes.map((p) => [p.name, p.health, p.detail, p.quorum_role])).toEqual([
      ['n1/kafka', 'ok', null, 'leader'],
      ['n2/kafka', 'down', 'metrics: cannot read http://10.9.0.2:7071/metrics: fetch failed', 'follower'],
    ]);
    expect(first.top10).toEqual([{ page: 'b', popularity: 3 }, { page: 'a', popularity: 1 }]);
    expect(first.job).toEqual({ topic: 't', group: 'g', lag: [{ partition: 0, lag: 10 }, { partition: 1, lag: null }], total_lag: 10, messages_per_s: null });
    expect(first.job_batches).toMatchObject({ running: 1, malformed: 4, health: 'ok' });
    // the one older than the window is left out; one record covering two batches shows their average
    expect(first.batch_history.map((b) => b.values.batch_ms)).toEqual([12]);

    high = 300;
    requests = 30;
    await new Promise((r) => setTimeout(r, 20));
    const second = await collector.tick(); // metrics now; the offsets are read beside it
    expect(second.processes[0]!.metrics!.requests_per_s).toBeGreaterThan(0);
    expect(second.job!.total_lag).toBe(10);
    await new Promise((r) => setTimeout(r, 20));
    const third = await collector.tick();
    expect(third.job!.total_lag).toBe(210);
    expect(third.job!.messages_per_s).toBeGreaterThan(0);
    expect(third.top_history).toHaveLength(3);
    expect(third.job_history.map((p) => p.values.lag)).toEqual([10, 10, 210]);
    expect(third.job_history.at(-1)!.values).toMatchObject({ 'partition 0': 210, 'partition 1': Number.NaN });
    expect(seen).toEqual([first.at, second.at, third.at]);
    expect(collector.snapshot()).toBe(third);
    await collector.stop();
  });

  it('a metrics read that never answers makes its process down at the deadline; the ticks go on', async () => {
    const collector = new DashboardCollector(ctx, {
      scrapeTimeoutMs: 10,
      status: async () => status(),
      scrape: async (p) => (p.host.name === 'n2' ? new Promise<never>(() => {}) : parseExposition('kafka_network_requestmetrics_requests_total 1\n')),
    });
    const first = await collector.tick();
    expect(first.processes.map((p) => [p.name, p.health, p.detail])).toEqual([
      ['n1/kafka', 'ok', null],
      ['n2/kafka', 'down', 'metrics: its exporter: no answer within 2010 ms'],
    ]);
    expect((await collector.tick()).at).not.toBe(first.at);
    await collector.stop();
  });
});

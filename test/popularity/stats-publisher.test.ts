import { describe, expect, it } from 'vitest';
import type { KafkaProducerPort, OutgoingMessage } from '../../src/kafka/index.js';
import type { BatchStats } from '../../src/popularity/job-stats.js';
import { StatsPublisher } from '../../src/popularity/stats-publisher.js';

const stats = (interval: number): BatchStats => ({
  instance: 'h/1', started_at: '2026-12-03T00:00:00.000Z', at: '2026-12-03T00:00:01.000Z', interval_ms: 1000, interval, records: 0, batch_ms: 0.1, published: true, partitions: [],
});

/** A producer whose sends wait until released, and fail while `down`. */
function producer() {
  const sent: OutgoingMessage[] = [];
  const pending: Array<() => void> = [];
  const p = {
    down: false,
    sent,
    release: () => pending.splice(0).forEach((go) => go()),
    port: {
      send: (topic: string, messages: OutgoingMessage[]) =>
        new Promise((resolve, reject) =>
          pending.push(() => (p.down ? reject(new Error(`${topic}: no leader`)) : (sent.push(...messages), resolve([]))))),
      disconnect: async () => {},
    } as unknown as KafkaProducerPort,
  };
  return p;
}

describe('StatsPublisher', () => {
  it('skips intervals while a send is in flight instead of queueing them', async () => {
    const p = producer();
    const publisher = new StatsPublisher('s', () => {});
    publisher.publish(p.port, stats(1));
    publisher.publish(p.port, stats(2));
    p.release();
    await publisher.settled();
    publisher.publish(p.port, stats(3));
    p.release();
    await publisher.settled();
    expect(p.sent.map((m) => JSON.parse(m.value!).interval)).toEqual([1, 3]);
    expect([publisher.sent, publisher.skipped]).toEqual([2, 1]);
  });

  it('logs a failure once, and once more when sends succeed again', async () => {
    const p = producer();
    const logs: string[] = [];
    const publisher = new StatsPublisher('s', (l) => logs.push(l));
    p.down = true;
    for (const i of [1, 2, 3]) {
      publisher.publish(p.port, stats(i));
      p.release();
      await publisher.settled();
    }
    p.down = false;
    publisher.publish(p.port, stats(4));
    p.release();
    await publisher.settled();
    expect(logs).toEqual(['stats: could not publish to s (the job goes on): s: no leader', 'stats: publishing to s again']);
  });

  it('waits for a send in flight at most the given time', async () => {
    const p = producer();
    const publisher = new StatsPublisher('s', () => {});
    publisher.publish(p.port, stats(1));
    const t = performance.now();
    await publisher.settled(50);
    expect(performance.now() - t).toBeGreaterThanOrEqual(45);
    p.release();
    await publisher.settled();
    expect(publisher.sent).toBe(1);
  });
});

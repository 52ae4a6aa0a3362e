import { describe, expect, it } from 'vitest';
import type { KafkaProducerPort, OutgoingMessage } from '../../src/kafka/index.js';
import type { BatchStats } from '../../src/popularity/job-stats.js';
import { batchStatsFixture } from '../support/batch-stats.js';
import { StatsPublisher } from '../../src/popularity/stats-publisher.js';

const stats = (interval: number): BatchStats => batchStatsFixture({ interval, records: interval * 10, batch_ms: interval });

/** A producer whose sends wait until released, and fail while `down`. */
function producer() {
  const sent: OutgoingMessage[] = [];
  const pending: Array<() => void> = [];
  const p = {
    down: false,
    sent,
    /** answers the sends started so far (a send starts a tick after publish()) */
    release: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      for (const go of pending.splice(0)) go();
    },
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
  it('does not queue intervals while a send is in flight: the next record sent covers them, their records and batch time summed', async () => {
    const p = producer();
    const publisher = new StatsPublisher('s', () => {});
    publisher.publish(p.port, stats(1));
    publisher.publish(p.port, stats(2));
    publisher.publish(p.port, stats(3));
    await p.release();
    await publisher.settled();
    publisher.publish(p.port, stats(4));
    await p.release();
    await publisher.settled();
    const sent = p.sent.map((m) => JSON.parse(m.value!) as BatchStats);
    expect(sent.map((s) => [s.interval, s.covers, s.records, s.batch_ms])).toEqual([[1, 1, 10, 1], [4, 3, 90, 9]]);
    expect([publisher.sent, publisher.skipped]).toEqual([2, 2]);
  });

  it('logs a failure once, and once more when sends succeed again', async () => {
    const p = producer();
    const logs: string[] = [];
    const publisher = new StatsPublisher('s', (l) => logs.push(l));
    p.down = true;
    for (const i of [1, 2, 3]) {
      publisher.publish(p.port, stats(i));
      await p.release();
      await publisher.settled();
    }
    p.down = false;
    publisher.publish(p.port, stats(4));
    await p.release();
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
    await p.release();
    await publisher.settled();
    expect(publisher.sent).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { JobStatsFollower } from '../../src/dashboard/job-stats-follower.js';
import { OutputTopicView } from '../../src/dashboard/output-view.js';
import type { ConsumedRecord, KafkaClientPort } from '../../src/kafka/index.js';
import { batchStatsMessage, type BatchStats } from '../../src/popularity/job-stats.js';
import { batchStatsFixture } from '../support/batch-stats.js';

const client = {} as KafkaClientPort; // accept() needs no Kafka
let offset = 0;
const record = (key: string | null, value: string | null): ConsumedRecord => ({ topic: 's', partition: 0, offset: offset++, key, value, headers: {}, timestamp: 0 } as ConsumedRecord);
const report = (instance: string, second: number, partitions: BatchStats['partitions'], records = 10): ConsumedRecord => {
  const m = batchStatsMessage(batchStatsFixture({ instance, at: new Date(Date.UTC(2026, 11, 3, 0, 0, second)).toISOString(), interval: second, records, batch_ms: second, partitions }));
  return record(m.key, m.value);
};
const counts = (partition: number, consumed: number, malformed: number) => ({ partition, next_offset: consumed, consumed, malformed });

describe('JobStatsFollower', () => {
  it('keeps each instance\'s latest report and each partition\'s counts from the newest report that owned it', () => {
    const view = new JobStatsFollower(client, 's');
    view.accept(report('a/1', 1, [counts(0, 10, 1), counts(1, 20, 2)]));
    view.accept(report('b/2', 3, [counts(1, 25, 3)])); // partition 1 moved to b
    view.accept(report('a/1', 2, [counts(0, 12, 1), counts(1, 21, 2)])); // a's report, older than b's: 1 stays b's
    view.accept(record('a/1', 'not stats'));
    const s = view.state();
    expect(s.instances.map((i) => [i.instance, i.interval])).toEqual([['a/1', 2], ['b/2', 3]]);
    expect(s.partitions.map((p) => [p.partition, p.consumed, p.malformed])).toEqual([[0, 12, 1], [1, 25, 3]]);
    expect(s.batches.map((b) => b.batch_ms)).toEqual([1, 2, 3]); // in time order, not topic order
    expect(s.unreadable).toBe(1);
  });

  it('forgets batches older than its window', () => {
    const view = new JobStatsFollower(client, 's', 5000);
    for (const second of [1, 2, 8]) view.accept(report('a/1', second, []));
    expect(view.state().batches.map((b) => b.batch_ms)).toEqual([8]);
  });
});

describe('OutputTopicView', () => {
  it('holds every page\'s latest value; a tombstone removes it, a value that is no number is ignored', () => {
    const view = new OutputTopicView(client, 'o');
    for (const [k, v] of [['a', '1.5'], ['b', '2'], ['a', '3'], ['b', null], ['c', 'NaN?'], [null, '4']] as const) view.accept(record(k, v));
    expect([...view.pages()]).toEqual([['a', 3]]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatPerf } from '../../src/perf/format.js';
import type { PerfReport } from '../../src/perf/run.js';

const report: PerfReport = {
  records: 20000, records_per_sec: 1664.724488, mb_per_sec: 1.63, avg_latency_ms: 5149.69, max_latency_ms: 6017,
  p50_ms: 5535, p95_ms: 5910, p99_ms: 5994, p999_ms: 6014,
  topic: 'kcp-perf-1-abcdef', host: 'node01', partitions: 3, replication_factor: 3, record_size: 1024, throughput: -1,
  producer_props: { 'bootstrap.servers': '192.168.56.11:9092', 'batch.size': '100000', acks: 'all', 'linger.ms': '5' },
  producer_prop_sources: { 'bootstrap.servers': 'the inventory', 'batch.size': 'the seed', acks: "Kafka's default", 'linger.ms': '--producer-prop' },
  command: 'java … ProducerPerformance …',
  intervals: [{ records: 9615, records_per_sec: 1919.9, mb_per_sec: 1.87, avg_latency_ms: 4799, max_latency_ms: 5932 }],
  elapsed_ms: 14000, topic_deleted: true,
};

describe('formatPerf', () => {
  it('prints the producer settings and where each comes from, the summary table, the progress lines and the seed figures', () => {
    expect(formatPerf(report)).toBe([
      'ProducerPerformance on node01: topic kcp-perf-1-abcdef (3 partitions, replication factor 3)',
      '  java … ProducerPerformance …',
      "producer settings: batch.size=100000 (the seed), acks=all (Kafka's default), linger.ms=5 (--producer-prop)",
      '',
      'records  records/s  MB/s   avg ms   max ms  p50 ms  p95 ms  p99 ms  p99.9 ms',
      '20000       1664.7  1.63  5149.69  6017.00    5535    5910    5994      6014',
      '',
      'progress (about every 5 s):',
      '  records  records/s  MB/s  avg ms  max ms',
      '  9615        1919.9  1.87  4799.0  5932.0',
      '',
      'seed, three real nodes, 1 KiB records: 41,879.6-82,428.3 records/s',
      'topic kcp-perf-1-abcdef deleted',
    ].join('\n'));
  });
});

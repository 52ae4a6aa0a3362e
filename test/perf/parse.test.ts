import { describe, expect, it } from 'vitest';
import { parseProducerPerformance } from '../../src/perf/parse.js';

// Real stdout of org.apache.kafka.tools.ProducerPerformance (Kafka 3.9.1, this repository's
// distribution) against the single local broker of test/support/local-kafka.ts:
// --num-records 20000 --record-size 1024 --throughput -1 --producer-props acks=all
const LOCAL_3_9_1 = `632 records sent, 126.4 records/sec (0.12 MB/sec), 1405.9 ms avg latency, 3485.0 ms max latency.
9615 records sent, 1919.9 records/sec (1.87 MB/sec), 4799.0 ms avg latency, 5932.0 ms max latency.
20000 records sent, 1664.724488 records/sec (1.63 MB/sec), 5149.69 ms avg latency, 6017.00 ms max latency, 5535 ms 50th, 5910 ms 95th, 5994 ms 99th, 6014 ms 99.9th.
`;

// The seed's run on three real nodes (10,000,000 x 1 KiB, batch.size=100000): its progress
// lines, one per line as the tool prints them (an older Kafka: "max latency" without "ms").
const SEED = [
  '209482 records sent, 41879.6 records/sec (40.90 MB/sec), 582.7 ms avg latency, 948.0 max latency.',
  '220600 records sent, 44111.2 records/sec (43.08 MB/sec), 537.8 ms avg latency, 2951.0 max latency.',
  '238177 records sent, 47635.4 records/sec (46.52 MB/sec), 720.9 ms avg latency, 2965.0 max latency.',
  '258240 records sent, 51637.7 records/sec (50.43 MB/sec), 741.3 ms avg latency, 3048.0 max latency.',
  '412224 records sent, 82428.3 records/sec (80.50 MB/sec), 395.2 ms avg latency, 681.0 max latency.',
].join('\n');

describe('parseProducerPerformance', () => {
  it('reads the summary and the progress lines of a real 3.9.1 run', () => {
    const out = parseProducerPerformance(LOCAL_3_9_1);
    expect(out.summary).toEqual({
      records: 20000,
      records_per_sec: 1664.724488,
      mb_per_sec: 1.63,
      avg_latency_ms: 5149.69,
      max_latency_ms: 6017,
      p50_ms: 5535,
      p95_ms: 5910,
      p99_ms: 5994,
      p999_ms: 6014,
    });
    expect(out.intervals).toEqual([
      { records: 632, records_per_sec: 126.4, mb_per_sec: 0.12, avg_latency_ms: 1405.9, max_latency_ms: 3485 },
      { records: 9615, records_per_sec: 1919.9, mb_per_sec: 1.87, avg_latency_ms: 4799, max_latency_ms: 5932 },
    ]);
  });

  it("reads the seed's progress lines (no summary: the seed cut the run short)", () => {
    const out = parseProducerPerformance(SEED);
    expect(out.summary).toBeNull();
    expect(out.intervals.map((i) => i.records_per_sec)).toEqual([41879.6, 44111.2, 47635.4, 51637.7, 82428.3]);
    expect(out.intervals[0]).toEqual({ records: 209482, records_per_sec: 41879.6, mb_per_sec: 40.9, avg_latency_ms: 582.7, max_latency_ms: 948 });
  });

  it('accepts comma decimals from a JVM under such a locale, and CRLF line ends', () => {
    const out = parseProducerPerformance(
      '1000 records sent, 99,5 records/sec (0,10 MB/sec), 3,25 ms avg latency, 40,00 ms max latency, 3 ms 50th, 9 ms 95th, 20 ms 99th, 40 ms 99.9th.\r\n',
    );
    expect(out.summary).toMatchObject({ records: 1000, records_per_sec: 99.5, mb_per_sec: 0.1, avg_latency_ms: 3.25, p999_ms: 40 });
  });

  it('ignores log lines and finds nothing in output without figures', () => {
    const noise = '[2026-11-25 08:28:39,853] WARN [Producer clientId=perf-producer-client] metadata {t=LEADER_NOT_AVAILABLE}\nException in thread "main" org.apache.kafka.common.errors.TimeoutException\n';
    expect(parseProducerPerformance(noise)).toEqual({ summary: null, intervals: [] });
    expect(parseProducerPerformance(`${noise}${LOCAL_3_9_1}`).summary?.records).toBe(20000);
  });

  it('rejects a truncated summary line rather than half-reading it', () => {
    const cut = '20000 records sent, 1664.724488 records/sec (1.63 MB/sec), 5149.69 ms avg latency, 6017.00 ms max latency, 5535 ms 50th, 5910 ms 95th';
    expect(parseProducerPerformance(cut)).toEqual({ summary: null, intervals: [] });
  });
});

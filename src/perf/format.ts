// Human output of `npm run perf`: the summary as a table, then the progress lines, with the
// seed's figures beside them for scale.
import type { PerfReport } from './run.js';

/** The seed's progress lines on three real nodes, 1 KiB records (records/s). */
export const SEED_RECORDS_PER_SEC = { min: 41_879.6, max: 82_428.3 } as const;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}

const fixed = (n: number, digits: number): string => n.toFixed(digits);

export function formatPerf(r: PerfReport): string {
  const lines = [
    `ProducerPerformance on ${r.host}: topic ${r.topic} (${r.partitions} partitions, replication factor ${r.replication_factor})`,
    `  ${r.command}`,
    `producer settings: ${Object.entries(r.producer_props)
      .filter(([key]) => key !== 'bootstrap.servers')
      .map(([key, value]) => `${key}=${value} (${r.producer_prop_sources[key] ?? '--producer-prop'})`)
      .join(', ')}`,
    '',
    ...table([
      ['records', 'records/s', 'MB/s', 'avg ms', 'max ms', 'p50 ms', 'p95 ms', 'p99 ms', 'p99.9 ms'],
      [String(r.records), fixed(r.records_per_sec, 1), fixed(r.mb_per_sec, 2), fixed(r.avg_latency_ms, 2), fixed(r.max_latency_ms, 2),
        String(r.p50_ms), String(r.p95_ms), String(r.p99_ms), String(r.p999_ms)],
    ]),
  ];
  if (r.intervals.length > 0) {
    lines.push('', 'progress (about every 5 s):');
    lines.push(...table([
      ['records', 'records/s', 'MB/s', 'avg ms', 'max ms'],
      ...r.intervals.map((i) => [String(i.records), fixed(i.records_per_sec, 1), fixed(i.mb_per_sec, 2), fixed(i.avg_latency_ms, 1), fixed(i.max_latency_ms, 1)]),
    ]).map((l) => `  ${l}`));
  }
  lines.push(
    '',
    `seed, three real nodes, 1 KiB records: ${SEED_RECORDS_PER_SEC.min.toLocaleString('en-US')}-${SEED_RECORDS_PER_SEC.max.toLocaleString('en-US')} records/s`,
    r.topic_deleted ? `topic ${r.topic} deleted` : `topic ${r.topic} kept`,
  );
  return lines.join('\n');
}

// Reads ProducerPerformance's stdout: a progress line every ~5 s and one summary line at the
// end. The summary is the result; the progress lines show how throughput moved over the run.
// Decimal separators may be commas when the remote JVM runs under such a locale.

export interface PerfInterval {
  records: number;
  records_per_sec: number;
  mb_per_sec: number;
  avg_latency_ms: number;
  max_latency_ms: number;
}

export interface PerfSummary extends PerfInterval {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  p999_ms: number;
}

export interface PerfOutput {
  summary: PerfSummary | null;
  intervals: PerfInterval[];
}

const NUM = String.raw`(\d+(?:[.,]\d+)?)`;
const HEAD = String.raw`^(\d+) records sent, ${NUM} records/sec \(${NUM} MB/sec\), ${NUM} ms avg latency, ${NUM} (?:ms )?max latency`;
// The seed's older Kafka printed "948.0 max latency." without "ms": accepted too.
const INTERVAL = new RegExp(`${HEAD}\\.$`);
const SUMMARY = new RegExp(`${HEAD}, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th\\.$`);

const num = (text: string): number => Number(text.replace(',', '.'));

function interval(m: RegExpExecArray): PerfInterval {
  return {
    records: num(m[1]!),
    records_per_sec: num(m[2]!),
    mb_per_sec: num(m[3]!),
    avg_latency_ms: num(m[4]!),
    max_latency_ms: num(m[5]!),
  };
}

export function parseProducerPerformance(stdout: string): PerfOutput {
  const intervals: PerfInterval[] = [];
  let summary: PerfSummary | null = null;
  for (const line of stdout.split('\n').map((l) => l.trim())) {
    const s = SUMMARY.exec(line);
    if (s) {
      summary = { ...interval(s), p50_ms: num(s[6]!), p95_ms: num(s[7]!), p99_ms: num(s[8]!), p999_ms: num(s[9]!) };
      continue;
    }
    const i = INTERVAL.exec(line);
    if (i) intervals.push(interval(i));
  }
  return { summary, intervals };
}

// The Spark job's own account of its micro-batches, from its driver's output: one line per
// batch, "batch <id>: <records> records in <pages> pages, <ms> ms" (spark-job/ PopularityJob).
export interface SparkBatch {
  id: number;
  records: number;
  ms: number;
}

export function parseSparkBatches(log: string): SparkBatch[] {
  return [...log.matchAll(/^batch (\d+): (\d+) records in \d+ pages, (\d+) ms$/gm)].map((m) => ({ id: Number(m[1]), records: Number(m[2]), ms: Number(m[3]) }));
}

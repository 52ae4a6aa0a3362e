// `npm run bench -- [--only startup,lab,cluster,popularity,perf,kraft,security,migration,dashboard,spark] [--json]`
import { parseArgs } from 'node:util';
import { InputError } from '../../src/core/errors.js';

export const BENCHES = ['startup', 'lab', 'cluster', 'popularity', 'perf', 'kraft', 'security', 'migration', 'dashboard', 'spark'] as const;
export type BenchName = (typeof BENCHES)[number];

export interface BenchArgs {
  only: BenchName[];
  json: boolean;
}

export const BENCH_USAGE = `usage: npm run bench -- [--only ${BENCHES.join(',')}] [--json]
  runs bench/<name>.ts one after the other (root: they build lab clusters), prints a summary table
  (--json: the combined JSON document) and writes .artifacts/bench.json.
  Scale: KCP_BENCH_MESSAGES (popularity, default 1000000), KCP_BENCH_STEADY_RATE (20000),
  KCP_BENCH_STEADY_S (30), KCP_BENCH_PERF_RECORDS (500000), KCP_BENCH_PERF_ROUNDS (5),
  KCP_BENCH_RUNS (lab, 5), KCP_BENCH_SPARK_MESSAGES (200000), KCP_BENCH_SPARK_BATCH (50000),
  KCP_BENCH_SPARK_RATE (2000). npm run bench:readme then rewrites the README's tables from the file.`;

export function parseBenchArgs(argv: string[]): BenchArgs & { help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, options: { only: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  const { only, json, help } = parsed.values;
  if (only === undefined) return { only: [...BENCHES], json: json ?? false, help: help ?? false };
  const wanted = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((w) => !(BENCHES as readonly string[]).includes(w));
  if (unknown.length > 0) throw new InputError(`--only: unknown bench ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
  if (wanted.length === 0) throw new InputError('--only needs at least one bench name');
  // the suite's order, whatever order was given: lab first, the heavier benches after
  return { only: BENCHES.filter((b) => wanted.includes(b)), json: json ?? false, help: help ?? false };
}

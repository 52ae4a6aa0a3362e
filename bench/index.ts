#!/usr/bin/env tsx
// `npm run bench`: the README's performance figures. Runs each bench (bench/<name>.ts) in its own
// process, one after the other so they do not measure each other; prints a summary table (or,
// with --json, the combined document) and writes it to .artifacts/bench.json. A failed bench is
// reported and the others still run; the exit code is 1 if any failed (2 on bad arguments).
// Missing a target is a figure, not a failure: goals live here, not in the tests.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodeOf } from '../src/core/errors.js';
import { BENCH_USAGE, parseBenchArgs } from './support/args.js';
import { runBenchFile } from './support/child.js';
import { crossFigures, securityCrossFigures } from './support/figures.js';
import { formatTable, summaryRows, type BenchOutcome } from './support/table.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

let args;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${BENCH_USAGE}\n`);
  process.exit(exitCodeOf(err));
}
if (args.help) {
  process.stdout.write(`${BENCH_USAGE}\n`);
  process.exit(0);
}

const startedAt = new Date();
const loadBefore = load();
const outcomes: (BenchOutcome & { doc: unknown; loadAtStart?: number[] })[] = [];
// Ctrl-C reaches the running bench too (same process group): it takes its lab down and exits;
// here no further bench starts, and what ran is still summarised.
let interrupted = false;
const onSignal = () => void (interrupted = true);
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
for (const bench of args.only) {
  if (interrupted) {
    outcomes.push({ bench, ok: false, error: 'not run (interrupted)', elapsedMs: 0, figures: [], doc: null });
    continue;
  }
  const loadAtStart = load();
  process.stderr.write(`\n== bench ${bench} (load average ${loadAtStart.join(' ')}) ==\n`);
  const outcome = { ...(await runBenchFile(bench, join('bench', `${bench}.ts`), REPO)), loadAtStart };
  process.stderr.write(`== bench ${bench}: ${outcome.ok ? 'done' : `FAILED (${outcome.error})`} in ${Math.round(outcome.elapsedMs / 1000)} s ==\n`);
  outcomes.push(outcome);
}

// figures across benches of this run go with the last bench they compare
const docs = Object.fromEntries(outcomes.map((o) => [o.bench, o.doc]));
outcomes.find((o) => o.bench === 'kraft')?.figures.push(...crossFigures(docs));
outcomes.find((o) => o.bench === 'security')?.figures.push(...securityCrossFigures(docs));

const combined = {
  ok: outcomes.every((o) => o.ok),
  started_at: startedAt.toISOString(),
  elapsed_s: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: { cpus: cpus().length, node: process.version, load_average_before: loadBefore, load_average_after: load() },
  benches: Object.fromEntries(outcomes.map((o) => [o.bench, { ok: o.ok, ...(o.error ? { error: o.error } : {}), elapsed_ms: o.elapsedMs, load_average_at_start: o.loadAtStart ?? null, figures: o.figures, result: o.doc }])),
};
const artifacts = join(REPO, '.artifacts');
await mkdir(artifacts, { recursive: true });
await writeFile(join(artifacts, 'bench.json'), `${JSON.stringify(combined, null, 2)}\n`);

if (args.json) {
  process.stdout.write(`${JSON.stringify(combined, null, 2)}\n`);
} else {
  process.stdout.write(`${formatTable(summaryRows(outcomes))}\n\n`);
  process.stdout.write(`load average ${loadBefore.join(' ')} before, ${combined.machine.load_average_after.join(' ')} after (${combined.machine.cpus} CPUs); full results in .artifacts/bench.json\n`);
}
process.exit(combined.ok ? 0 : 1);

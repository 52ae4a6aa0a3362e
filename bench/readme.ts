#!/usr/bin/env tsx
// `npm run bench:readme [-- --from FILE]`: rewrites the README's performance tables from a bench
// run (default .artifacts/bench.json), each bench's block only from a run where it succeeded.
// Prints what it changed; exit 2 when the file is missing or is not a bench run.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { updateReadme, type BenchDocument } from './support/readme.js';
import { REPO } from './support/typed.js';

const { values } = parseArgs({ options: { from: { type: 'string', default: join(REPO, '.artifacts', 'bench.json') } } });
const from = values.from!;
let doc: BenchDocument;
try {
  doc = JSON.parse(await readFile(from, 'utf8')) as BenchDocument;
  if (typeof doc.started_at !== 'string' || typeof doc.benches !== 'object' || doc.benches === null) throw new Error('no started_at or benches: not written by npm run bench');
} catch (err) {
  process.stderr.write(`${from}: ${(err as Error).message}\n`);
  process.exit(2);
}
const readmePath = join(REPO, 'README.md');
const result = updateReadme(await readFile(readmePath, 'utf8'), doc);
await writeFile(readmePath, result.text);
process.stdout.write(`README.md: tables of ${result.updated.join(', ') || 'no bench'} rewritten from ${from} (run of ${doc.started_at})\n`);
if (result.skipped.length > 0) process.stdout.write(`left as they were (failed or measured nothing): ${result.skipped.join(', ')}\n`);
if (result.withoutBlock.length > 0) process.stdout.write(`no block in README.md for: ${result.withoutBlock.join(', ')}\n`);

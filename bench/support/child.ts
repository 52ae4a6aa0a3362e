// Runs one bench file in its own process (`node --import tsx bench/<name>.ts`): stdout must be
// exactly one JSON document, stderr (progress) goes straight through to ours. A bench that exits
// non-zero or prints something else is a failed bench; the suite goes on with the next one.
import { spawn } from 'node:child_process';
import { figuresOf } from './figures.js';
import type { BenchOutcome } from './table.js';

export interface ParsedOutput {
  doc: unknown;
  error?: string;
}

/** The single JSON document a bench printed, or why there is none. */
export function parseBenchOutput(stdout: string): ParsedOutput {
  const text = stdout.trim();
  if (text === '') return { doc: null, error: 'printed nothing on stdout' };
  try {
    return { doc: JSON.parse(text) };
  } catch {
    return { doc: null, error: `stdout is not one JSON document: ${JSON.stringify(text.slice(0, 120))}` };
  }
}

/** What the suite makes of a finished bench: failed on a non-zero exit, bad output or `ok: false`. */
export function outcomeOf(bench: string, code: number | null, signal: string | null, stdout: string, elapsedMs: number): BenchOutcome & { doc: unknown } {
  const { doc, error: parseError } = parseBenchOutput(stdout);
  const own = typeof doc === 'object' && doc !== null ? (doc as { ok?: unknown; error?: unknown }) : {};
  const errors: string[] = [];
  if (code !== 0) errors.push(signal ? `killed by ${signal}` : `exit code ${code}`);
  if (typeof own.error === 'string') errors.push(own.error);
  else if (parseError) errors.push(parseError);
  if (own.ok === false && errors.length === 0) errors.push('reported ok: false');
  return { bench, ok: errors.length === 0, ...(errors.length ? { error: errors.join(': ') } : {}), elapsedMs, figures: figuresOf(bench, doc), doc };
}

export function runBenchFile(bench: string, file: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<BenchOutcome & { doc: unknown }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (err) => resolve({ bench, ok: false, error: `could not start: ${err.message}`, elapsedMs: 0, figures: [], doc: null }));
    child.on('close', (code, signal) => {
      resolve(outcomeOf(bench, code, signal, Buffer.concat(chunks).toString('utf8'), Math.round(performance.now() - started)));
    });
  });
}

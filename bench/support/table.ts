// The summary people read after `npm run bench`: one row per figure, aligned columns.
import { formatTarget, withinTarget, type Figure } from './figures.js';

export interface BenchOutcome {
  bench: string;
  ok: boolean;
  /** why it failed (exit code, missing JSON, the bench's own error) */
  error?: string;
  elapsedMs: number;
  figures: Figure[];
}

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'n/a';
  const text = Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  return unit ? `${text} ${unit}` : text;
}

/** A table cell holds one line: the rest of a long error is in .artifacts/bench.json. */
export function firstLine(text: string, max = 100): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function summaryRows(outcomes: BenchOutcome[]): string[][] {
  const rows: string[][] = [['bench', 'figure', 'value', 'target / reference', 'within target']];
  for (const o of outcomes) {
    if (!o.ok) rows.push([o.bench, 'FAILED', '', firstLine(o.error ?? 'failed'), '']);
    for (const f of o.figures) {
      const within = withinTarget(f);
      const goal = [f.target ? formatTarget(f.target, f.unit) : '', f.reference ?? ''].filter(Boolean).join('; ');
      rows.push([o.bench, f.name, formatValue(f.value, f.unit), goal, within === null ? '' : within ? 'yes' : 'NO']);
    }
  }
  return rows;
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

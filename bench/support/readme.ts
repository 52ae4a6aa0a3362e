// The README's performance tables, generated from .artifacts/bench.json (`npm run bench:readme`):
// each bench owns one block of the README between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`,
// and a block is rewritten only from a run in which that bench succeeded, so a run of one bench
// (`--only perf`) leaves the others' figures as they were. Every table says when it was measured,
// the load average when the bench started, and each figure's goal or reference. Pure: text in,
// text out.
import { formatTarget, withinTarget, type Figure } from './figures.js';
import { formatValue } from './table.js';

export interface BenchEntry {
  ok: boolean;
  elapsed_ms: number;
  load_average_at_start: number[] | null;
  figures: Figure[];
}

export interface BenchDocument {
  started_at: string;
  machine: { cpus: number };
  benches: Record<string, BenchEntry>;
}

export const blockStart = (bench: string): string => `<!-- bench:${bench} -->`;
export const blockEnd = (bench: string): string => `<!-- /bench:${bench} -->`;

/** a table cell: one line, no pipe to break the row */
const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function benchTable(bench: string, entry: BenchEntry, doc: Pick<BenchDocument, 'started_at' | 'machine'>): string {
  const load = entry.load_average_at_start ? `load average ${entry.load_average_at_start.join(' ')} at its start` : 'load average not recorded';
  const minutes = Math.round(entry.elapsed_ms / 6000) / 10;
  const rows = entry.figures.map((f) => {
    const within = withinTarget(f);
    const goal = [f.target ? `goal ${formatTarget(f.target, f.unit)}` : '', f.reference ?? ''].filter(Boolean).join('; ');
    const value = formatValue(f.value, f.unit);
    return `| ${cell(f.name.trim())} | ${within === false ? `${value} (**missed**)` : within ? `**${value}**` : value} | ${cell(goal)} |`;
  });
  return [
    `\`npm run bench -- --only ${bench}\`, run of ${doc.started_at.slice(0, 10)} (${doc.machine.cpus} CPUs, ${load}, ${minutes} min):`,
    '',
    '| figure | measured | goal / reference |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export interface ReadmeUpdate {
  text: string;
  updated: string[];
  /** benches of the run that have no block in the README */
  withoutBlock: string[];
  /** benches that failed or measured nothing: their blocks are left as they were */
  skipped: string[];
}

export function updateReadme(readme: string, doc: BenchDocument): ReadmeUpdate {
  let text = readme;
  const updated: string[] = [];
  const withoutBlock: string[] = [];
  const skipped: string[] = [];
  for (const [bench, entry] of Object.entries(doc.benches)) {
    if (!entry.ok || entry.figures.length === 0) {
      skipped.push(bench);
      continue;
    }
    const [start, end] = [blockStart(bench), blockEnd(bench)];
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) {
      withoutBlock.push(bench);
      continue;
    }
    if (text.indexOf(start, from + 1) >= 0) throw new Error(`README has ${start} twice`);
    text = `${text.slice(0, from + start.length)}\n${benchTable(bench, entry, doc)}\n${text.slice(to)}`;
    updated.push(bench);
  }
  return { text, updated, withoutBlock, skipped };
}

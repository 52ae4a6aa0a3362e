import { describe, expect, it } from 'vitest';
import { benchTable, updateReadme, type BenchDocument, type BenchEntry } from '../../bench/support/readme.js';

const entry = (o: Partial<BenchEntry> = {}): BenchEntry => ({
  ok: true,
  elapsed_ms: 150_000,
  load_average_at_start: [1.5, 2, 2.25],
  figures: [
    { name: 'cold provision + start', value: 13.3, unit: 's', target: { op: '<=', value: 15 }, reference: 'facts 0.2 s' },
    { name: 'pressure c/b', value: 0.93, unit: '', target: { op: '>=', value: 0.95 } },
    { name: 'pressure (a) a|b', value: 32744, unit: 'records/s' },
  ],
  ...o,
});
const doc = (benches: Record<string, BenchEntry>): BenchDocument => ({ started_at: '2026-12-03T11:30:00.000Z', machine: { cpus: 2 }, benches });

describe('benchTable', () => {
  it('says when, on what and under which load; marks goals met and missed; keeps a pipe from breaking the row', () => {
    expect(benchTable('cluster', entry(), doc({})).split('\n')).toEqual([
      '`npm run bench -- --only cluster`, run of 2026-12-03 (2 CPUs, load average 1.5 2 2.25 at its start, 2.5 min):',
      '',
      '| figure | measured | goal / reference |',
      '| --- | --- | --- |',
      '| cold provision + start | **13.3 s** | goal <= 15 s; facts 0.2 s |',
      '| pressure c/b | 0.93 (**missed**) | goal >= 0.95 |',
      '| pressure (a) a\\|b | 32,744 records/s |  |',
    ]);
  });
});

describe('updateReadme', () => {
  const readme = ['# x', '<!-- bench:cluster -->', 'old cluster table', '<!-- /bench:cluster -->', 'prose', '<!-- bench:perf -->', 'old perf table', '<!-- /bench:perf -->', ''].join('\n');

  it("rewrites the blocks of the benches that succeeded, and nothing else", () => {
    const r = updateReadme(readme, doc({ cluster: entry(), perf: entry({ ok: false }), lab: entry() }));
    expect(r.updated).toEqual(['cluster']);
    expect(r.skipped).toEqual(['perf']);
    expect(r.withoutBlock).toEqual(['lab']);
    expect(r.text).not.toContain('old cluster table');
    expect(r.text).toContain('old perf table');
    expect(r.text).toContain('<!-- bench:cluster -->\n`npm run bench -- --only cluster`');
    expect(r.text).toContain('| pressure (a) a\\|b | 32,744 records/s |  |\n<!-- /bench:cluster -->\nprose');
  });

  it('is stable: the same run twice gives the same text', () => {
    const once = updateReadme(readme, doc({ cluster: entry() })).text;
    expect(updateReadme(once, doc({ cluster: entry() })).text).toBe(once);
  });

  it('refuses a README with a block twice', () => {
    expect(() => updateReadme(`${readme}<!-- bench:cluster -->\n<!-- /bench:cluster -->\n`, doc({ cluster: entry() }))).toThrow(/twice/);
  });
});

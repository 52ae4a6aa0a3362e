import { describe, expect, it } from 'vitest';
import { firstLine, formatTable, formatValue, summaryRows } from '../../bench/support/table.js';

describe('summary table', () => {
  it('one row per figure, target and reference side by side, a failed bench named', () => {
    const rows = summaryRows([
      { bench: 'lab', ok: true, elapsedMs: 1, figures: [{ name: 'lab up', value: 1250, unit: 'ms', target: { op: '<', value: 3000 } }] },
      { bench: 'popularity', ok: true, elapsedMs: 1, figures: [
        { name: 'job / plain', value: 0.75, unit: '', target: { op: '>=', value: 0.8 } },
        { name: 'steady rate', value: 18_500, unit: 'msg/s', reference: 'asked 20000' },
      ] },
      { bench: 'perf', ok: false, error: 'exit code 1: lab up failed', elapsedMs: 1, figures: [] },
    ]);
    expect(rows.slice(1)).toEqual([
      ['lab', 'lab up', '1,250 ms', '< 3000 ms', 'yes'],
      ['popularity', 'job / plain', '0.75', '>= 0.8', 'NO'],
      ['popularity', 'steady rate', '18,500 msg/s', 'asked 20000', ''],
      ['perf', 'FAILED', '', 'exit code 1: lab up failed', ''],
    ]);
  });

  it('formats values: thousands separators, decimals as they are, n/a', () => {
    expect(formatValue(41880, 'records/s')).toBe('41,880 records/s');
    expect(formatValue(3.5, 's')).toBe('3.5 s');
    expect(formatValue(null, 'ms')).toBe('n/a');
  });

  it('keeps an error to its first line, shortened', () => {
    expect(firstLine("exit code 1: Cannot find module './v1/request'\nRequire stack:\n- x")).toBe("exit code 1: Cannot find module './v1/request'");
    expect(firstLine('x'.repeat(150))).toBe(`${'x'.repeat(99)}…`);
  });

  it('aligns columns under a rule', () => {
    expect(formatTable([['a', 'bb'], ['ccc', 'd']])).toBe('a    bb\n---  --\nccc  d');
  });
});

import { describe, expect, it } from 'vitest';
import { phasesOf, runSteps, type Step } from '../../src/migration/steps.js';

const step = (name: string, did: string[] | Error): Step => ({ name, does: `does ${name}`, run: async () => { if (did instanceof Error) throw did; return did; } });

describe('a run of steps', () => {
  it('reports each: done with what it did, already when nothing was left, not run after --until', async () => {
    const lines: string[] = [];
    const r = await runSteps([step('a', ['x', 'y']), step('b', []), step('c', ['z'])], { until: 'b', note: (l) => lines.push(l) });
    expect(r.map((p) => [p.name, p.state, p.detail])).toEqual([['a', 'done', 'does a: x; y'], ['b', 'already', 'does b: nothing left to do'], ['c', 'not run', 'does c']]);
    expect(r[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(Date.parse(r[0]!.ended!)).toBeGreaterThanOrEqual(Date.parse(r[0]!.started!));
    expect(r[2]!.started).toBeNull();
    expect(lines.map((l) => l.replace(/ in [\d.]+ s$/, ''))).toEqual(['migration: a done', 'migration: b already']);
  });

  it('a failure stops the run, with the report so far on the error', async () => {
    const err = await runSteps([step('a', ['x']), step('b', new Error('gate failed: no leader\nmore')), step('c', ['z'])], { note: () => {} }).catch((e: Error) => e);
    expect((err as Error).message).toBe('gate failed: no leader\nmore');
    expect(phasesOf(err)!.map((p) => [p.name, p.state, p.detail])).toEqual([['a', 'done', 'does a: x'], ['b', 'failed', 'does b: gate failed: no leader'], ['c', 'not run', 'does c']]);
    expect(phasesOf(new Error('other'))).toBeNull();
  });
});

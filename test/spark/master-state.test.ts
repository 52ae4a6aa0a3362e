import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliveWorkerOn, parseMasterState } from '../../src/spark/master-state.js';

// The answer of a Spark 4.2.0 master of the lab (GET /json/) with three workers registered.
const text = readFileSync(join(import.meta.dirname, 'fixtures', 'master-state.json'), 'utf8');

describe('parseMasterState', () => {
  it("reads the master's status, its workers and applications", () => {
    const state = parseMasterState(text);
    expect(state.url).toBe('spark://spark01:7077');
    expect(state.status).toBe('ALIVE');
    expect(state.workers.map((w) => [w.host, w.state, w.cores, w.memory])).toEqual([
      ['spark02', 'ALIVE', 1, 1024], ['spark03', 'ALIVE', 1, 1024], ['spark01', 'ALIVE', 1, 1024],
    ]);
    expect(state.workers[0]!.id).toBe('worker-20261203142612-spark02-7078');
    expect(state.activeApps).toEqual([]);
  });

  it('finds the live registration of a host by name or address, never a dead one', () => {
    const state = parseMasterState(text);
    expect(aliveWorkerOn(state, { name: 'spark03', address: '10.0.0.3' })?.id).toBe('worker-20261203142611-spark03-7078');
    state.workers[1]!.state = 'DEAD';
    expect(aliveWorkerOn(state, { name: 'spark03', address: '10.0.0.3' })).toBeUndefined();
    expect(aliveWorkerOn(state, { name: 'other', address: 'spark02' })?.host).toBe('spark02');
  });

  it('names what is wrong with an answer it cannot read', () => {
    expect(() => parseMasterState('<html>')).toThrow(/not JSON/);
    expect(() => parseMasterState('{"url":"spark://x:1","status":"ALIVE","workers":[{"id":1}]}')).toThrow(/workers\[0\]\.id is not a string/);
  });
});

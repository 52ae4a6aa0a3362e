import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { parseMasterState, type SparkMasterState } from '../../src/spark/master-state.js';
import { sparkBlockers, sparkProblems, sparkRollOrder } from '../../src/spark/rules.js';

const cluster = parseInventory('i.yaml', readFileSync(join(import.meta.dirname, '..', '..', 'inventory.spark.yaml'), 'utf8')).cluster;
const byName = (name: string) => cluster.processes.find((p) => p.name === name)!;
const master = byName('spark01/spark-master');
const workers = cluster.processes.filter((p) => p.service === 'spark-worker');
const healthy = (): SparkMasterState => parseMasterState(readFileSync(join(import.meta.dirname, 'fixtures', 'master-state.json'), 'utf8'));
const without = (host: string): SparkMasterState => {
  const s = healthy();
  s.workers = s.workers.map((w) => (w.host === host ? { ...w, state: 'DEAD' } : w));
  return s;
};

describe('sparkProblems: the gate after a start or a restart', () => {
  it('passes with the master ALIVE and every worker registered', () => {
    expect(sparkProblems(healthy(), master, workers)).toEqual([]);
  });
  it('names the master when it does not answer or is recovering', () => {
    expect(sparkProblems(null, master, workers, new Map(), 'connection refused')).toEqual([{ process: master, seen: 'master web console: connection refused' }]);
    expect(sparkProblems({ ...healthy(), status: 'RECOVERING' }, master, workers)).toEqual([{ process: master, seen: 'master is RECOVERING' }]);
  });
  it('names each worker that is not registered', () => {
    expect(sparkProblems(without('spark02'), master, workers).map((f) => [f.process.name, f.seen])).toEqual([
      ['spark02/spark-worker', 'no ALIVE worker of spark02 registered with the master (2 alive)'],
    ]);
  });
  it('after a restart, the old registration of a worker does not count', () => {
    const old = new Map([['spark03/spark-worker', 'worker-20261203142611-spark03-7078']]);
    expect(sparkProblems(healthy(), master, workers, old).map((f) => f.seen)).toEqual(['still its old registration worker-20261203142611-spark03-7078']);
    expect(sparkProblems(healthy(), master, workers, new Map([['spark03/spark-worker', 'worker-older']]))).toEqual([]);
  });
});

describe('sparkBlockers: may a Spark daemon stop now', () => {
  it('a worker only while every other worker is ALIVE', () => {
    expect(sparkBlockers(byName('spark02/spark-worker'), healthy(), workers)).toEqual([]);
    expect(sparkBlockers(byName('spark02/spark-worker'), without('spark02'), workers)).toEqual([]); // itself down: nothing to lose
    expect(sparkBlockers(byName('spark02/spark-worker'), without('spark03'), workers)).toEqual([
      'stopping spark02/spark-worker while spark03/spark-worker is not ALIVE would leave no worker for its executors',
    ]);
    expect(sparkBlockers(byName('spark02/spark-worker'), null, workers)).toEqual(['the Spark master does not answer: the other workers cannot be checked']);
  });
  it('the master always (FILESYSTEM recovery), and no other kind of process is its business', () => {
    expect(sparkBlockers(master, null, workers)).toEqual([]);
    expect(sparkBlockers(byName('spark01/kafka'), null, workers)).toEqual([]);
  });
  it('rolls the workers by number, the master last', () => {
    expect(sparkRollOrder(cluster.processes).map((p) => p.name)).toEqual(['spark01/spark-worker', 'spark02/spark-worker', 'spark03/spark-worker', 'spark01/spark-master']);
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { restartScope } from '../../src/cluster/restart-scope.js';
import { rollOrder } from '../../src/cluster/roll.js';
import { parseInventory } from '../../src/inventory/load.js';

const cluster = parseInventory(
  '/x/inventory.yaml',
  'cluster: { name: s, security: none }\nhosts:\n' +
    [1, 2, 3].map((i) => `  - { name: n${i}, address: 10.9.0.${i}, zookeeper_id: ${i}, broker_id: ${i - 1}, spark_worker: true${i === 1 ? ', spark_master: true' : ''} }`).join('\n') +
    '\n',
).cluster;
const names = (ps: { name: string }[]) => ps.map((p) => p.name);

describe('restartScope', () => {
  it('every process without --only', () => {
    expect(restartScope(cluster, undefined)).toHaveLength(cluster.processes.length);
  });

  it('only the named kinds, which then roll in the cluster\'s own order', () => {
    const spark = restartScope(cluster, 'spark-master,spark-worker');
    expect(names(rollOrder(spark, null, null))).toEqual(['n1/spark-worker', 'n2/spark-worker', 'n3/spark-worker', 'n1/spark-master']);
    expect(names(restartScope(cluster, 'kafka'))).toEqual(['n1/kafka', 'n2/kafka', 'n3/kafka']);
  });

  it('an unknown kind, an empty one, or a kind the inventory has no process of is bad input (exit 2)', () => {
    expect(() => restartScope(cluster, 'broker')).toThrow(/^--only: "broker" is not a kind of process; the kinds are zookeeper, controller, kafka, spark-master, spark-worker$/);
    expect(() => restartScope(cluster, 'kafka,')).toThrow(/--only: "" is not a kind of process/);
    expect(() => restartScope(cluster, 'controller')).toThrow(/^--only: \/x\/inventory\.yaml has no controller process$/);
    expect(() => restartScope(cluster, 'x')).toThrow(InputError); // exit code 2
  });
});

import { describe, expect, it } from 'vitest';
import type { QuorumState } from '../../src/cluster/quorum/types.js';
import { keptLastFor, roleOf, rollBlockers, rollOrder, stopOrder, type RollView } from '../../src/cluster/roll.js';
import type { PartitionState } from '../../src/cluster/safety.js';
import { parseInventory } from '../../src/inventory/load.js';
import type { Cluster, Process } from '../../src/inventory/model.js';

const load = (kafka: string, host: (i: number) => string): Cluster =>
  parseInventory('i.yaml', `cluster: { name: r, security: none, kafka: ${kafka} }\nhosts:\n${[1, 2, 3].map((i) => `  - { name: n${i}, address: 10.0.0.${i}, ${host(i)} }`).join('\n')}\n`).cluster;
const zk = load('{}', (i) => `zookeeper_id: ${i}, broker_id: ${i - 1}`);
const combined = load('{ version: "4.4.0" }', (i) => `controller_id: ${i}, broker_id: ${i}`);
const separate = load('{ version: "4.4.0" }', (i) => `controller_id: ${i}, broker_id: ${10 + i}`);
const withSpark = load('{}', (i) => `zookeeper_id: ${i}, broker_id: ${i - 1}, spark_worker: true${i === 1 ? ', spark_master: true' : ''}`);
const names = (ps: Process[]) => ps.map((p) => p.name);
const named = (c: Cluster, name: string) => c.processes.find((p) => p.name === name)!;

describe('rollOrder: the quorum first (leader last), then brokers (active controller last)', () => {
  it('ZooKeeper mode', () => {
    expect(names(rollOrder(zk.processes, named(zk, 'n1/zookeeper'), 1))).toEqual([
      'n2/zookeeper', 'n3/zookeeper', 'n1/zookeeper', 'n1/kafka', 'n3/kafka', 'n2/kafka',
    ]);
  });
  it('KRaft combined: every process is a member, the active controller last', () => {
    expect(names(rollOrder(combined.processes, named(combined, 'n2/kafka'), 2))).toEqual(['n1/kafka', 'n3/kafka', 'n2/kafka']);
  });
  it('KRaft with dedicated controllers: controllers (leader last), then brokers by id', () => {
    expect(names(rollOrder(separate.processes, named(separate, 'n1/controller'), 1))).toEqual([
      'n2/controller', 'n3/controller', 'n1/controller', 'n1/kafka', 'n2/kafka', 'n3/kafka',
    ]);
  });
  it('with Spark: Kafka first, then the Spark workers, the master last; a stop takes Spark down first', () => {
    expect(names(rollOrder(withSpark.processes, named(withSpark, 'n1/zookeeper'), 0)).slice(6)).toEqual(['n1/spark-worker', 'n2/spark-worker', 'n3/spark-worker', 'n1/spark-master']);
    expect(names(stopOrder(withSpark.processes, named(withSpark, 'n1/zookeeper'), 0))).toEqual([
      'n1/spark-worker', 'n2/spark-worker', 'n3/spark-worker', 'n1/spark-master', 'n2/kafka', 'n3/kafka', 'n1/kafka', 'n2/zookeeper', 'n3/zookeeper', 'n1/zookeeper',
    ]);
  });
  it('a subset keeps its order', () => {
    expect(names(rollOrder([named(separate, 'n3/kafka'), named(separate, 'n1/controller')], null, null))).toEqual(['n1/controller', 'n3/kafka']);
  });
});

describe('rollBlockers: one rule for every kind of process', () => {
  const healthy = (c: Cluster, leaderAt = 0): QuorumState => ({
    mode: c.mode,
    members: c.quorum.map((process, i) => ({ process, role: i === leaderAt ? 'leader' : 'follower', caughtUp: true, lag: 0, pid: 1, version: null, seen: 'ok' })),
    leader: c.quorum[leaderAt]!,
  });
  const oneDown = (c: Cluster): QuorumState => {
    const s = healthy(c);
    s.members[2] = { ...s.members[2]!, role: null, caughtUp: false, seen: 'process not running' };
    return s;
  };
  const view = (quorum: QuorumState | null, partitions: PartitionState[] | null): RollView => ({ quorum, partitions, spark: null });
  const lastIsr = (id: number): PartitionState => ({ topic: 't', partition: 0, leader: id, replicas: [id, 90, 91], isr: [id, 90], minIsr: 2 });

  it('a broker: Strimzi\'s partition rule only', () => {
    const broker = named(separate, 'n1/kafka');
    expect(rollBlockers(broker, view(oneDown(separate), []))).toEqual([]);
    expect(rollBlockers(broker, view(null, [lastIsr(11)]))).toEqual(['t-0 (replicas [11,90,91], ISR [11,90], min.insync.replicas 2): broker 11 is one of its last in-sync replicas']);
  });
  it('a dedicated controller: the quorum rule only', () => {
    const controller = named(separate, 'n1/controller');
    expect(rollBlockers(controller, view(healthy(separate), [lastIsr(1)]))).toEqual([]);
    expect(rollBlockers(controller, view(oneDown(separate), null))).toEqual([expect.stringMatching(/^stopping n1\/controller would leave 1 of 3 quorum members caught up/)]);
  });
  it('a combined process: both', () => {
    const p = named(combined, 'n1/kafka');
    expect(rollBlockers(p, view(healthy(combined), []))).toEqual([]);
    expect(rollBlockers(p, view(oneDown(combined), [lastIsr(1)]))).toHaveLength(2);
  });
  it('the role that placed a process', () => {
    const s = healthy(combined, 1);
    expect(roleOf(named(combined, 'n2/kafka'), s, 2)).toBe('leader');
    expect(roleOf(named(combined, 'n1/kafka'), s, 2)).toBe('follower');
    expect(roleOf(named(zk, 'n2/kafka'), healthy(zk), 1)).toBe('controller');
    expect(roleOf(named(zk, 'n1/kafka'), healthy(zk), 1)).toBe('broker');
  });
  it('the process its group keeps for last: the quorum leader, the broker that is the active controller', () => {
    const s = healthy(combined, 1);
    expect(keptLastFor(named(combined, 'n1/kafka'), s, 2, combined.processes)).toBe('n2/kafka');
    expect(keptLastFor(named(zk, 'n1/zookeeper'), healthy(zk, 2), 1, zk.processes)).toBe('n3/zookeeper');
    expect(keptLastFor(named(zk, 'n1/kafka'), healthy(zk), 1, zk.processes)).toBe('n2/kafka');
    expect(keptLastFor(named(zk, 'n1/kafka'), healthy(zk), null, zk.processes)).toBeNull();
    // dedicated controllers: the active controller is no broker, so no broker is kept for last
    expect(keptLastFor(named(separate, 'n1/kafka'), healthy(separate), 1, separate.processes)).toBeNull();
    expect(keptLastFor(named(separate, 'n2/controller'), healthy(separate), 1, separate.processes)).toBe('n1/controller');
    expect(keptLastFor(named(combined, 'n1/kafka'), { ...s, leader: null }, null, combined.processes)).toBeNull();
  });
});

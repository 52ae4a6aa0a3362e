import { describe, expect, it } from 'vitest';
import { CHAOS_MODES, DEFAULT_HOLD_MS, emptyChaos, parseChaosMode, pickBrokerTarget, pickControllerTarget } from '../../src/acceptance/chaos-mode.js';
import { InputError } from '../../src/core/errors.js';
import { parseInventory } from '../../src/inventory/load.js';
import type { TopicDescription } from '../../src/kafka/index.js';
import { brokerSettings } from '../../src/render/settings.js';
import { defaultInventoryText } from '../support/inventory-text.js';

const brokers = [{ name: 'node01', brokerId: 0 }, { name: 'node02', brokerId: 1 }, { name: 'node03', brokerId: 2 }] as never;
const topic = (leaders: number[]): TopicDescription => ({
  topic: 't', configs: {}, partitions: leaders.map((leader, partition) => ({ partition, leader, replicas: [0, 1, 2], isr: [0, 1, 2], offline: [] })),
});

describe('chaos modes', () => {
  it('parses the modes, none by default, and refuses anything else as bad input', () => {
    expect(CHAOS_MODES).toEqual(['none', 'kill-broker', 'kill-host', 'kill-job', 'partition', 'kill-controller', 'kill-driver', 'kill-executor']);
    for (const m of CHAOS_MODES.filter((x) => !x.startsWith('kill-driver') && x !== 'kill-executor')) expect(parseChaosMode(m)).toBe(m);
    expect(parseChaosMode(undefined)).toBe('none');
    expect(() => parseChaosMode('kill-all')).toThrow(InputError);
    expect(() => parseChaosMode('kill-all')).toThrow('--chaos must be one of none, kill-broker, kill-host, kill-job, partition, kill-controller, kill-driver, kill-executor; got "kill-all"');
  });

  it('a mode that hits one engine\'s processes needs that engine', () => {
    expect(parseChaosMode('kill-driver', 'spark')).toBe('kill-driver');
    expect(parseChaosMode('kill-executor', 'spark')).toBe('kill-executor');
    expect(parseChaosMode('kill-broker', 'spark')).toBe('kill-broker');
    expect(() => parseChaosMode('kill-driver', 'ts')).toThrow('--chaos kill-driver needs --engine spark (the TypeScript job has no Spark driver or executor)');
    expect(() => parseChaosMode('kill-job', 'spark')).toThrow('--chaos kill-job needs --engine ts (the Spark job is not a child process of this run: use kill-driver)');
  });

  it('holds a partition past the ZooKeeper session timeout the default inventory renders for every broker', () => {
    const { cluster } = parseInventory('inventory.yaml', defaultInventoryText);
    const timeouts = cluster.brokers.map((host) => Number(brokerSettings(cluster, host).find((s) => s.key === 'zookeeper.session.timeout.ms')?.value));
    expect(timeouts).toHaveLength(3);
    for (const ms of timeouts) {
      expect(ms).toBeGreaterThan(0); // rendered, and a number
      expect(DEFAULT_HOLD_MS.partition).toBeGreaterThan(ms);
    }
    expect(DEFAULT_HOLD_MS.none).toBe(0);
  });

  it('starts with an empty record', () => {
    expect(emptyChaos('kill-job')).toEqual({ mode: 'kill-job', target: null, role: null, injected_at_acked: null, injected_at_ms: null, held_ms: null, healed_after_ms: null, recovered_after_ms: null, steps: [] });
  });
});

describe('pickBrokerTarget', () => {
  it('hits the leader of partition 0 and says what else it leads and whether it is the controller', () => {
    expect(pickBrokerTarget({ brokers }, topic([1, 2, 1]), 0)).toEqual({ brokerId: 1, host: 'node02', role: 'leader of partitions 0, 2 of t; not the controller' });
    expect(pickBrokerTarget({ brokers }, topic([2, 0, 1]), 2)).toEqual({ brokerId: 2, host: 'node03', role: 'leader of partition 0 of t; also the controller' });
  });

  it('refuses a partition without a leader', () => {
    expect(() => pickBrokerTarget({ brokers }, topic([-1, 0, 1]), 0)).toThrow('partition 0 of t has no leader among the inventory\'s brokers (leader -1)');
  });

  it('kill-controller: the quorum leader in KRaft (dedicated or combined), the controller broker in ZooKeeper mode', () => {
    const kraft = (host: (i: number) => string) => parseInventory('i.yaml', `cluster: { name: c, kafka: { version: "4.4.0" } }\nhosts:\n${[1, 2, 3].map((i) => `  - { name: n${i}, address: 10.0.0.${i}, ${host(i)} }`).join('\n')}\n`).cluster;
    expect(pickControllerTarget(kraft((i) => `controller_id: ${i}, broker_id: ${i}`), 2)).toEqual({ host: 'n2', service: 'kafka', id: 2, role: 'the active controller (KRaft quorum leader, node 2), also a broker' });
    expect(pickControllerTarget(kraft((i) => `controller_id: ${i}, broker_id: ${i + 10}`), 3)).toMatchObject({ host: 'n3', service: 'controller', id: 3 });
    const zk = parseInventory('inventory.yaml', defaultInventoryText).cluster;
    expect(pickControllerTarget(zk, 1)).toEqual({ host: 'node02', service: 'kafka', id: 1, role: 'the broker elected controller (broker 1)' });
    expect(() => pickControllerTarget(zk, null)).toThrow(/no controller among/);
  });
});

import { describe, expect, it } from 'vitest';
import { CHAOS_MODES, DEFAULT_HOLD_MS, emptyChaos, parseChaosMode, pickBrokerTarget } from '../../src/acceptance/chaos-mode.js';
import { InputError } from '../../src/cli/errors.js';
import type { TopicDescription } from '../../src/kafka/index.js';

const brokers = [{ name: 'node01', brokerId: 0 }, { name: 'node02', brokerId: 1 }, { name: 'node03', brokerId: 2 }] as never;
const topic = (leaders: number[]): TopicDescription => ({
  topic: 't', configs: {}, partitions: leaders.map((leader, partition) => ({ partition, leader, replicas: [0, 1, 2], isr: [0, 1, 2], offline: [] })),
});

describe('chaos modes', () => {
  it('parses the five modes, none by default, and refuses anything else as bad input', () => {
    expect(CHAOS_MODES).toEqual(['none', 'kill-broker', 'kill-host', 'kill-job', 'partition']);
    for (const m of CHAOS_MODES) expect(parseChaosMode(m)).toBe(m);
    expect(parseChaosMode(undefined)).toBe('none');
    expect(() => parseChaosMode('kill-all')).toThrow(InputError);
    expect(() => parseChaosMode('kill-all')).toThrow('--chaos must be one of none, kill-broker, kill-host, kill-job, partition; got "kill-all"');
  });

  it('holds a partition past the ZooKeeper session timeout (18 s)', () => {
    expect(DEFAULT_HOLD_MS.partition).toBeGreaterThan(18_000);
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
});

import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/inventory/model.js';
import { brokerChecks } from '../../src/verify/brokers.js';

const host = (name: string, brokerId: number, address: string): Host => ({ name, brokerId, address, zookeeperId: null, controllerId: null, brokerConfig: {}, sparkMaster: false, sparkWorker: false });
const brokers = [host('node01', 0, '10.1.0.11'), host('node02', 1, '10.1.0.12'), host('node03', 2, '10.1.0.13')];
const meta = (ids: number[], controller: number | null) => ({
  clusterId: 'abcXYZ',
  controller,
  brokers: ids.map((nodeId) => ({ nodeId, host: `10.1.0.${11 + nodeId}`, port: 9092 })),
});

describe('brokerChecks', () => {
  it('passes when every inventory broker is registered and one is controller', () => {
    expect(brokerChecks(brokers, meta([0, 1, 2], 1))).toEqual([
      { name: 'broker 0 (node01) registered', ok: true, detail: 'at 10.1.0.11:9092' },
      { name: 'broker 1 (node02) registered', ok: true, detail: 'at 10.1.0.12:9092, controller' },
      { name: 'broker 2 (node03) registered', ok: true, detail: 'at 10.1.0.13:9092' },
      { name: 'controller elected', ok: true, detail: 'broker 1, cluster id abcXYZ' },
    ]);
  });

  it('fails the broker that is missing, names the registered ones', () => {
    const checks = brokerChecks(brokers, meta([0, 1], 0));
    expect(checks[2]).toEqual({ name: 'broker 2 (node03) registered', ok: false, detail: 'broker 2 is not in the cluster metadata (registered: 0, 1)' });
    expect(checks.filter((c) => !c.ok)).toHaveLength(1);
  });

  it('fails brokers the inventory does not know, and a missing controller', () => {
    const checks = brokerChecks(brokers, meta([0, 1, 2, 7], null));
    expect(checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['no unknown brokers', 'controller elected']);
    expect(checks.find((c) => c.name === 'no unknown brokers')!.detail).toMatch(/^registered brokers not in the inventory: 7/);
  });

  it('shows an advertised address that differs from the inventory', () => {
    const m = meta([0, 1, 2], 0);
    m.brokers[0]!.host = 'node01';
    expect(brokerChecks(brokers, m)[0]!.detail).toBe('at node01:9092 (inventory address 10.1.0.11), controller');
  });

  it('fails every broker when there is no metadata at all', () => {
    const checks = brokerChecks(brokers, new Error('Connection error: connect ECONNREFUSED 10.1.0.11:9092'));
    expect(checks.map((c) => c.ok)).toEqual([false, false, false, false]);
    expect(checks[0]!.detail).toBe('no cluster metadata: Connection error: connect ECONNREFUSED 10.1.0.11:9092');
  });
});

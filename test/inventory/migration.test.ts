// A ZooKeeper-mode inventory read by npm run migrate: controller_id names the new controllers.
import { describe, expect, it } from 'vitest';
import { InventoryError, parseInventory } from '../../src/inventory/load.js';
import { lineOfSnippet } from '../support/inventory-text.js';
import { migrationInventoryText } from '../support/migration-inventory.js';

function problemsOf(text: string): string[] {
  try {
    parseInventory('inventory.yaml', text, { migration: true });
  } catch (err) {
    if (err instanceof InventoryError) return err.problems;
    throw err;
  }
  return [];
}

describe('the inventory of a migration to KRaft', () => {
  it('takes dedicated controllers beside the ZooKeeper-mode cluster, each its own process', () => {
    const { cluster, warnings } = parseInventory('inventory.yaml', migrationInventoryText, { migration: true });
    expect(warnings).toEqual([]);
    expect([cluster.mode, cluster.migration]).toEqual(['zookeeper', null]);
    expect(cluster.processes.filter((p) => p.host.name === 'node01').map((p) => `${p.service}:${p.roles.join('+')}:${p.id}`)).toEqual(['zookeeper:zookeeper:1', 'controller:controller:3001', 'kafka:broker:0']);
    expect(cluster.quorum.map((p) => p.service)).toEqual(['zookeeper', 'zookeeper', 'zookeeper']);
  });

  it('every other command refuses it, pointing to npm run migrate', () => {
    expect(() => parseInventory('inventory.yaml', migrationInventoryText)).toThrow(/hosts\[0\]\.controller_id: a KRaft controller in a ZooKeeper-mode inventory: the target of a migration to KRaft, which only npm run migrate takes/);
  });

  it('a controller id that is a broker id: KIP-866 migrates to dedicated controllers', () => {
    const text = migrationInventoryText.replace('    controller_id: 3002', '    controller_id: 1');
    expect(problemsOf(text)).toEqual([`inventory.yaml:${lineOfSnippet(text, '    controller_id: 1')}: hosts[1].controller_id: 1 is broker id of this host: a migration needs dedicated controllers, each with a node id no broker has`]);
    const other = migrationInventoryText.replace('    controller_id: 3002', '    controller_id: 2');
    expect(problemsOf(other)).toEqual([`inventory.yaml:${lineOfSnippet(other, '    controller_id: 2')}: hosts[1].controller_id: 2 is broker id of hosts[2] (node03): a migration needs dedicated controllers, each with a node id no broker has`]);
  });

  it('no controller, a release other than 3.9, no controller metrics, a KRaft inventory: each named where it is', () => {
    const none = migrationInventoryText.replace(/\n {4}controller_id: \d+/g, '');
    expect(problemsOf(none)).toEqual([expect.stringMatching(/hosts: no controller to migrate to: give the hosts of the new KRaft controllers a controller_id/)]);
    const old = migrationInventoryText.replace('version: "3.9.2"', 'version: "3.8.1"');
    expect(problemsOf(old)).toEqual([expect.stringMatching(/^inventory\.yaml:\d+: cluster\.kafka\.version: a migration to KRaft runs on Kafka 3\.9 \(the bridge release to 4\.x\); got 3\.8\.1/)]);
    const blind = migrationInventoryText.replace('  ssh:', '  controller: { metrics_port: ~ }\n  ssh:');
    expect(problemsOf(blind)).toEqual([expect.stringMatching(/cluster\.controller\.metrics_port: npm run migrate reads each phase's outcome from the controllers' ZkMigrationState metric/)]);
  });

  it('the controllers\' ports may not clash with the ZooKeeper server or broker on their host', () => {
    const text = migrationInventoryText.replace('  ssh:', '  controller: { port: 2181 }\n  ssh:');
    expect(problemsOf(text)).toContainEqual(expect.stringMatching(/cluster\.controller\.port: port 2181 clashes with cluster\.zookeeper\.client_port on host node01/));
  });
});

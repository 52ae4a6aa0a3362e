import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { kraftInventoryText } from '../../src/migration/kraft-inventory.js';
import { migrationInventoryText } from '../support/migration-inventory.js';

/** Lines of `a` not in `b`, counted as a multiset. */
function minus(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((line) => {
    const i = left.indexOf(line);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

describe('the inventory in KRaft form', () => {
  const text = migrationInventoryText
    .replace('    config: {}              # extra / overriding server.properties keys, every broker', '    config: { zookeeper.session.timeout.ms: "24000", num.io.threads: "12" }')
    .replace("    broker_config: {}       # this broker's overrides; win over cluster.broker.config", '    broker_config: { zookeeper.connection.timeout.ms: "9000", log.retention.hours: "72" }');
  const kraft = kraftInventoryText(text);

  it('says KRaft with a static quorum, and nothing of ZooKeeper', () => {
    const { cluster } = parseInventory('inventory.yaml', kraft);
    expect([cluster.mode, cluster.controller.staticQuorum, cluster.hosts.map((h) => h.zookeeperId)]).toEqual(['kraft', true, [null, null, null]]);
    expect(cluster.processes.map((p) => p.service)).not.toContain('zookeeper');
    expect(cluster.broker.config).toEqual({ 'num.io.threads': '12' });
    expect(cluster.hosts[0]!.brokerConfig).toEqual({ 'log.retention.hours': '72' });
  });

  it("changes only what the migration changed; the rest of the user's file, comments included, stays as it was (the YAML library puts one space before a comment)", () => {
    const lines = (t: string) => t.split('\n').map((l) => l.replace(/\s+#/, ' #'));
    const before = lines(text);
    const after = lines(kraft);
    expect(minus(after, before)).toEqual([
      '# KRaft form, written by npm run migrate: the cluster was migrated from ZooKeeper (its quorum is static).',
      '    mode: kraft',
      '    config: { num.io.threads: "12" }',
      '  controller:',
      '    static_quorum: true',
      '    broker_config: { log.retention.hours: "72" }',
    ]);
    expect(minus(before, after)).toEqual([
      '  zookeeper:',
      '    client_port: 2181',
      '    peer_port: 2888',
      '    election_port: 3888',
      '    heap: 256m',
      '    config: {} # extra / overriding zoo.cfg keys (tickTime, initLimit, ...)',
      '    config: { zookeeper.session.timeout.ms: "24000", num.io.threads: "12" }',
      '    zookeeper_id: 1 # present => host runs ZooKeeper (myid, 1..255)',
      '    broker_config: { zookeeper.connection.timeout.ms: "9000", log.retention.hours: "72" }',
      '    zookeeper_id: 2',
      '    zookeeper_id: 3',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { PathFact } from '../../src/facts/paths.js';
import { parseInventory } from '../../src/inventory/load.js';
import { migratedProblems, writeMarkerCommand } from '../../src/migration/guard.js';
import { layout } from '../../src/render/layout.js';
import { defaultInventoryText } from '../support/inventory-text.js';

const zookeeper = parseInventory('inventory.yaml', defaultInventoryText).cluster;
const file = (path: string): PathFact => ({ path, type: 'file', mode: 0o644, owner: 'root', group: 'root', sha256: 'x' });
const facts = (marked: string[]) => new Map(zookeeper.hosts.map((h) => [h.name, { paths: new Map(marked.includes(h.name) ? [[layout.migratedMarker, file(layout.migratedMarker)]] : []) }]));

describe('a finalized migration guards its hosts', () => {
  it('a ZooKeeper-mode inventory is refused on hosts marked migrated, saying what to use', () => {
    expect(migratedProblems(zookeeper, facts([]))).toEqual([]);
    const [problem, ...rest] = migratedProblems(zookeeper, facts(['node01', 'node03']));
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^node01, node03: the cluster was migrated to KRaft \(npm run migrate; \/var\/lib\/kafka-cluster\/migrated-to-kraft\), and a ZooKeeper-mode inventory would render its brokers back into ZooKeeper mode.*--write-inventory F writes it\)$/);
  });

  it('a KRaft inventory on the same hosts is what they want', () => {
    expect(migratedProblems({ ...zookeeper, mode: 'kraft' }, facts(['node01']))).toEqual([]);
  });

  it('the marker names when and for which cluster', () => {
    expect(writeMarkerCommand('Zk-id', new Date('2026-12-04T21:00:00Z'))).toBe("mkdir -p -- /var/lib/kafka-cluster && printf '%s\\n' 'finalized 2026-12-04T21:00:00.000Z, cluster Zk-id' > /var/lib/kafka-cluster/migrated-to-kraft");
  });
});

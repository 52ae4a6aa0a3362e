import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import type { Cluster } from '../../src/inventory/model.js';
import { kraftInventoryText } from '../../src/migration/kraft-inventory.js';
import { STAGES, stageCluster } from '../../src/migration/stages.js';
import { renderCluster } from '../../src/render/index.js';
import { fakeSecrets } from '../support/fake-secrets.js';
import { defaultInventoryText, editInventory } from '../support/inventory-text.js';
import { migrationInventoryText, migrationSource } from '../support/migration-inventory.js';

/** path -> content of every file the cluster renders, per host */
const filesOf = (cluster: Cluster, secretsOf: Cluster = cluster) =>
  Object.fromEntries(renderCluster(cluster, fakeSecrets(secretsOf)).flatMap(({ host, files }) => files.map((f) => [`${host}:${f.path}`, f.content])));

const serverProperties = (cluster: Cluster, host: string, service: 'kafka' | 'controller') =>
  filesOf(cluster)[`${host}:/etc/${service === 'kafka' ? 'kafka' : 'kafka-controller'}/server.properties`];

describe('the cluster at each stage of a migration', () => {
  const source = migrationSource();

  it('keeps its processes until ZooKeeper goes, and its metadata quorum follows the brokers', () => {
    const shape = (stage: (typeof STAGES)[number]) => {
      const c = stageCluster(source, stage);
      return [c.mode, c.migration, c.processes.map((p) => p.service).filter((s, i, all) => all.indexOf(s) === i).join(','), c.quorum.map((p) => p.service)[0], c.controller.staticQuorum];
    };
    expect(STAGES.map(shape)).toEqual([
      ['zookeeper', null, 'zookeeper,kafka', 'zookeeper', false],
      ['zookeeper', 'controllers', 'zookeeper,controller,kafka', 'zookeeper', true],
      ['zookeeper', 'dual-write', 'zookeeper,controller,kafka', 'zookeeper', true],
      ['kraft', 'kraft-brokers', 'zookeeper,controller,kafka', 'controller', true],
      ['kraft', null, 'zookeeper,controller,kafka', 'controller', true],
      ['kraft', null, 'controller,kafka', 'controller', true],
    ]);
  });

  it('at "zookeeper" renders exactly what the inventory without controllers does', () => {
    const plain = parseInventory('inventory.yaml', defaultInventoryText).cluster;
    expect(filesOf(stageCluster(source, 'zookeeper'))).toEqual(filesOf(plain));
  });

  it('in the KRaft form the migration writes, renders exactly the cluster it leaves: a provision changes nothing', () => {
    for (const text of [migrationInventoryText, editInventory(['security: secure ', 'security: none   '])]) {
      const from = text === migrationInventoryText ? text : text.replace(/    broker_id: (\d)(.*)\n/g, (_m, id: string, rest: string) => `    broker_id: ${id}${rest}\n    controller_id: ${3001 + Number(id)}\n`);
      const migrated = stageCluster(migrationSource(from), 'kraft');
      const kraft = parseInventory('inventory.yaml', kraftInventoryText(from)).cluster;
      expect(filesOf(kraft)).toEqual(filesOf(migrated));
    }
  });

  it('a migrating controller\'s config is the same in every stage before finalize: only the phases that move controllers touch them', () => {
    const configs = (['controllers', 'dual-write', 'kraft-brokers'] as const).map((stage) => serverProperties(stageCluster(source, stage), 'node02', 'controller'));
    expect(new Set(configs).size).toBe(1);
    expect(serverProperties(stageCluster(source, 'finalized'), 'node02', 'controller')).not.toBe(configs[0]);
  });

  it("drops the brokers' zookeeper.* settings once they run in KRaft, and not before", () => {
    const withZk = migrationSource(migrationInventoryText.replace('    config: {}              # extra / overriding server.properties keys, every broker', '    config: { zookeeper.session.timeout.ms: "24000" }'));
    const has = (stage: (typeof STAGES)[number]) => serverProperties(stageCluster(withZk, stage), 'node01', 'kafka')!.includes('zookeeper.session.timeout.ms=24000');
    expect(STAGES.map(has)).toEqual([true, true, true, false, false, false]);
  });
});

// server.properties of node01's broker and controller at each stage, secured, byte for byte.
// After an intended change: UPDATE_GOLDEN=1 npx vitest run test/migration/stages.test.ts
describe.each(STAGES.filter((s) => s !== 'zookeeper'))('golden server.properties at stage %s', (stage) => {
  const cluster = stageCluster(migrationSource(), stage);
  it.each(['kafka', 'controller'] as const)('%s', (service) => {
    const golden = join(import.meta.dirname, '..', 'golden', 'migration', stage, `${service}.properties`);
    const content = serverProperties(cluster, 'node01', service)!;
    if (process.env.UPDATE_GOLDEN || !existsSync(golden)) {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, content);
    }
    expect(content).toBe(readFileSync(golden, 'utf8'));
  });
});

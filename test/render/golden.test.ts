// Every file four inventories render, byte for byte: the default one (ZooKeeper mode, secured),
// the shipped KRaft one (three combined nodes, secured), KRaft with dedicated controllers beside
// brokers (security: none), and the shipped Spark one (the default cluster plus a Spark master and
// workers, secured). A secured cluster renders with fixed stand-ins for its keys.
// After an intended change of a template: UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts,
// then review the diff.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { renderCluster } from '../../src/render/index.js';
import { fakeSecrets } from '../support/fake-secrets.js';
import { defaultInventoryText } from '../support/inventory-text.js';

const kraftText = readFileSync(join(import.meta.dirname, '..', '..', 'inventory.kraft.yaml'), 'utf8');
const separateText = `cluster:
  name: kraft-separate
  security: none
  kafka: { version: "4.4.0" }
  controller: { heap: 256m, config: { "metadata.log.segment.bytes": "8388608" } }
  broker: { config: { "num.partitions": "6" } }
hosts:
${[1, 2, 3].map((i) => `  - { name: node0${i}, address: 192.168.56.1${i}, controller_id: ${i}, broker_id: ${10 + i} }`).join('\n')}
`;
const sparkText = readFileSync(join(import.meta.dirname, '..', '..', 'inventory.spark.yaml'), 'utf8');
const inventories: Array<[string, string]> = [['default', defaultInventoryText], ['kraft', kraftText], ['kraft-separate', separateText], ['spark', sparkText]];

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(root, join(dir, e.name)) : [relative(root, join(dir, e.name))],
  );
}

describe.each(inventories)('golden files of the %s inventory', (name, text) => {
  const goldenDir = join(import.meta.dirname, '..', 'golden', name);
  const render = () => {
    const { cluster } = parseInventory('inventory.yaml', text);
    return renderCluster(cluster, fakeSecrets(cluster));
  };
  const entries = render().flatMap(({ host, files }) => files.map((f) => ({ key: join(host, f.path), file: f })));
  if (process.env.UPDATE_GOLDEN) {
    for (const { key, file } of entries) {
      mkdirSync(dirname(join(goldenDir, key)), { recursive: true });
      writeFileSync(join(goldenDir, key), file.content);
    }
  }

  it('renders exactly the files that have a golden copy', () => {
    expect(entries.map((e) => e.key).sort()).toEqual(listFiles(goldenDir).sort());
  });

  it.each(entries.map((e) => [e.key, e.file] as const))('%s', (key, file) => {
    const golden = join(goldenDir, key);
    expect(existsSync(golden), `missing golden ${golden}`).toBe(true);
    expect(file.content).toBe(readFileSync(golden, 'utf8'));
  });

  it('renders the same bytes twice', () => {
    expect(render()).toEqual(render());
  });
});

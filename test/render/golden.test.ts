// Every file the default inventory renders, byte for byte. After an intended change of a
// template: UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts, then review the diff.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { renderCluster } from '../../src/render/index.js';
import { defaultInventoryText } from '../support/inventory-text.js';

const goldenDir = join(import.meta.dirname, '..', 'golden', 'default');
const rendered = renderCluster(parseInventory('inventory.yaml', defaultInventoryText).cluster);
const entries = rendered.flatMap(({ host, files }) => files.map((f) => ({ key: join(host, f.path), file: f })));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [relative(goldenDir, join(dir, e.name))],
  );
}

if (process.env.UPDATE_GOLDEN) {
  for (const { key, file } of entries) {
    mkdirSync(dirname(join(goldenDir, key)), { recursive: true });
    writeFileSync(join(goldenDir, key), file.content);
  }
}

describe('golden files of the default inventory', () => {
  it('renders exactly the files that have a golden copy', () => {
    expect(entries.map((e) => e.key).sort()).toEqual(listFiles(goldenDir).sort());
  });

  it.each(entries.map((e) => [e.key, e.file] as const))('%s', (key, file) => {
    const golden = join(goldenDir, key);
    expect(existsSync(golden), `missing golden ${golden}`).toBe(true);
    expect(file.content).toBe(readFileSync(golden, 'utf8'));
  });

  it('renders the same bytes twice', () => {
    const again = renderCluster(parseInventory('inventory.yaml', defaultInventoryText).cluster);
    expect(again).toEqual(rendered);
  });
});

// The KRaft cluster id, made once per cluster and recorded beside the inventory, so the next
// provision (from this folder) formats new folders with the same id and refuses folders of
// another cluster. The hosts carry it too (meta.properties), so a provision from another
// machine adopts it from them when they agree.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Cluster } from '../inventory/model.js';
import { readTextIfExists } from '../fs/read-text-if-exists.js';

export const clusterIdFile = (cluster: Pick<Cluster, 'baseDir' | 'name'>): string => join(cluster.baseDir, '.state', cluster.name, 'cluster.id');

export async function readClusterId(cluster: Pick<Cluster, 'baseDir' | 'name'>): Promise<string | null> {
  const text = await readTextIfExists(clusterIdFile(cluster));
  return text?.trim() || null;
}

export async function recordClusterId(cluster: Pick<Cluster, 'baseDir' | 'name'>, id: string): Promise<void> {
  const file = clusterIdFile(cluster);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, `${id}\n`);
  await rename(`${file}.tmp`, file);
}

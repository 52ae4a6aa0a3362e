// lab:down: power every host off and remove namespaces, links, the bridge and the state, so
// nothing is left on the machine. Removes what state.json and the lab's naming say are ours.
import { rm } from 'node:fs/promises';
import type { Cluster } from '../inventory/model.js';
import { labIds } from './naming.js';
import { linksWithPrefix, namespacesWithPrefix, teardown } from './net.js';
import { LAB_BRIDGE, LAB_NAMESPACE, LAB_VETH } from './naming.js';
import { labPaths } from './paths.js';
import { assertRoot } from './preflight.js';
import { readState, removeState } from './state.js';

export interface DownReport {
  ok: true;
  removed: { namespaces: string[]; links: string[]; processes: number };
  purged: boolean;
}

export async function labDown(cluster: Cluster, options: { purge?: boolean } = {}): Promise<DownReport> {
  assertRoot();
  const names = labIds(cluster.name);
  const paths = labPaths(cluster);
  const state = await readState(paths.stateFile).catch(() => null);

  const prefixes = new Set([names.namespacePrefix, ...(state ? [state.namespacePrefix] : [])]);
  const vethPrefixes = new Set([names.vethPrefix, ...(state ? [state.bridge.replace(/^kcp/, 'kv') + '-'] : [])]);
  const namespaces = new Set<string>();
  for (const p of prefixes) for (const n of await namespacesWithPrefix(p)) namespaces.add(n);
  const links = new Set<string>();
  for (const p of vethPrefixes) for (const l of await linksWithPrefix(p)) links.add(l);
  const bridges = [...new Set([names.bridge, ...(state ? [state.bridge] : [])])];

  const removed = await teardown([...namespaces], [...links], bridges[0]!);
  for (const extra of bridges.slice(1)) {
    const more = await teardown([], [], extra);
    removed.links.push(...more.links);
  }
  await removeState(paths.stateFile);
  if (options.purge) await Promise.all([paths.hostsDir, paths.sharedDir].map((d) => rm(d, { recursive: true, force: true })));
  return { ok: true, removed: { namespaces: removed.namespaces, links: removed.links, processes: removed.processes }, purged: options.purge === true };
}

/**
 * Removes every lab of this tool on the machine, whatever inventory made it (found by the lab's
 * naming alone): for leftovers whose inventory is gone, e.g. a temporary one of a crashed test.
 */
export function cleanTargets(namespaces: string[], links: string[]): { namespaces: string[]; veths: string[]; bridges: string[] } {
  return {
    namespaces: namespaces.filter((n) => LAB_NAMESPACE.test(n)),
    veths: links.filter((l) => LAB_VETH.test(l)),
    bridges: links.filter((l) => LAB_BRIDGE.test(l)),
  };
}

export async function labClean(): Promise<DownReport> {
  assertRoot();
  const t = cleanTargets(await namespacesWithPrefix('kcp-'), await linksWithPrefix('k'));
  const removed = await teardown(t.namespaces, t.veths, null);
  for (const bridge of t.bridges) removed.links.push(...(await teardown([], [], bridge)).links);
  return { ok: true, removed: { namespaces: removed.namespaces, links: removed.links, processes: removed.processes }, purged: false };
}

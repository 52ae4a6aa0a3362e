// The lab's network objects as they are (read from /run/netns and /sys/class/net, no process
// spawned), and their removal: processes first, then veths, namespaces and the bridge.
import { readdir, readFile, readlink, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { run } from './exec.js';
import { allPids, isAlive, namespaceOf, netnsId } from './procs.js';
import { poll } from './wait.js';

export async function namespacesWithPrefix(prefix: string): Promise<string[]> {
  const names = await readdir('/run/netns').catch(() => [] as string[]);
  return names.filter((n) => n.startsWith(prefix)).sort();
}

export interface LinkInfo {
  name: string;
  /** administratively up (IFF_UP) */
  up: boolean;
  master: string | null;
}

export async function linkInfo(name: string): Promise<LinkInfo | null> {
  try {
    const flags = Number.parseInt((await readFile(`/sys/class/net/${name}/flags`, 'utf8')).trim(), 16);
    const master = await readlink(`/sys/class/net/${name}/master`).then(basename, () => null);
    return { name, up: (flags & 1) === 1, master };
  } catch {
    return null;
  }
}

export async function linksWithPrefix(prefix: string): Promise<string[]> {
  return (await readdir('/sys/class/net')).filter((n) => n.startsWith(prefix)).sort();
}

/** Every process whose network namespace is one of `namespaces` (they are lab hosts' processes). */
export async function processesInNamespaces(namespaces: string[]): Promise<number[]> {
  const ids = new Set((await Promise.all(namespaces.map(netnsId))).filter((id): id is string => id !== null));
  if (ids.size === 0) return [];
  const pids = await allPids();
  const nets = await Promise.all(pids.map((p) => namespaceOf(p, 'net')));
  return pids.filter((_, i) => ids.has(nets[i] ?? ''));
}

/** SIGKILLs the given PIDs and waits until every one is gone. */
export async function killAndWait(pids: number[], what: string, timeoutMs = 5_000): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  await poll(
    async () => (await Promise.all(pids.map(isAlive))).every((alive) => !alive),
    () => `${what}: processes ${pids.join(' ')} still alive`,
    { timeoutMs, intervalMs: 2, maxIntervalMs: 50 },
  );
}

export interface Teardown {
  namespaces: string[];
  links: string[];
  processes: number;
}

/**
 * Removes lab namespaces (killing whatever runs in them), the given links and, if named, the
 * bridge. Only names the caller derived from the lab's own naming are ever passed in.
 */
export async function teardown(namespaces: string[], links: string[], bridge: string | null): Promise<Teardown> {
  const pids = await processesInNamespaces(namespaces);
  if (pids.length > 0) await killAndWait(pids, 'lab hosts');
  const existingLinks = (await Promise.all(links.map(linkInfo))).filter((l) => l !== null).map((l) => l.name);
  const bridgeExists = bridge !== null && (await linkInfo(bridge)) !== null;
  const batch = [
    ...existingLinks.map((l) => `link delete ${l}`),
    ...namespaces.map((n) => `netns delete ${n}`),
    ...(bridgeExists ? [`link delete ${bridge}`] : []),
  ];
  if (batch.length > 0) await run(['ip', '-batch', '-'], { input: `${batch.join('\n')}\n` });
  await Promise.all(namespaces.map((n) => rm(`/etc/netns/${n}`, { recursive: true, force: true })));
  return { namespaces, links: [...existingLinks, ...(bridgeExists ? [bridge] : [])], processes: pids.length };
}

// lab:up: every inventory host as a network-namespace host with its own address, hostname,
// disks, process table and sshd. Idempotent: running hosts are left alone; leftovers of an
// earlier lab (namespaces and the bridge outlive processes) are removed or reused.
import { writeFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Cluster } from '../inventory/model.js';
import { bootHost } from './boot.js';
import { insideBatch, machineSideBatch } from './commands.js';
import { prepareHostDisk } from './disk.js';
import { run } from './exec.js';
import { mergeKnownHosts } from './files.js';
import { ensureKeyPair } from './keys.js';
import { labNames, type LabHostNames, type LabNames } from './naming.js';
import { linkInfo, linksWithPrefix, namespacesWithPrefix, teardown } from './net.js';
import { labPaths } from './paths.js';
import { assertNoConflicts, assertRoot, assertTools } from './preflight.js';
import { isAlive, namespaceOf, netnsId } from './procs.js';
import { routeConflicts } from './route.js';
import { readState, writeState, type LabHostState, type LabState } from './state.js';

export type HostAction = 'started' | 'booted' | 'running';

export interface UpReport {
  ok: true;
  bridge: string;
  gateway: string;
  identity_file: string;
  known_hosts: string;
  removed_leftovers: { namespaces: string[]; links: string[]; processes: number };
  hosts: Array<{ name: string; address: string; namespace: string; pid: number; action: HostAction; healed: boolean }>;
}

/** Whether the host's namespace, veth and PID 1 (from an earlier state) are all still there. */
async function observeHost(host: LabHostNames, names: LabNames, previous: LabHostState | undefined) {
  const [id, veth] = await Promise.all([netnsId(host.namespace), linkInfo(host.vethHost)]);
  // the same address and veth as recorded (a veth index shifts when hosts are removed from the inventory)
  const recorded = previous?.address === host.address && previous.vethHost === host.vethHost && previous.namespace === host.namespace;
  const networkOk = id !== null && veth !== null && veth.master === names.bridge && recorded;
  const pid = previous?.pid ?? null;
  const running = networkOk && pid !== null && (await isAlive(pid)) && (await namespaceOf(pid, 'net')) === id;
  return { networkOk, running, pid: running ? pid : null, partitioned: veth !== null && !veth.up };
}

export async function labUp(cluster: Cluster, log: (line: string) => void = () => {}): Promise<UpReport> {
  assertRoot();
  const names = labNames(cluster);
  await assertTools();
  const paths = labPaths(cluster);
  const sshPort = cluster.ssh.port;

  const [routes, addrs, previousState] = await Promise.all([
    run(['ip', '-j', '-4', 'route', 'show']),
    run(['ip', '-j', '-4', 'addr', 'show']),
    readState(paths.stateFile).catch(() => null),
  ]);
  assertNoConflicts(routeConflicts(routes.stdout, addrs.stdout, names.subnet, names.bridge));
  const previous = previousState?.cluster === cluster.name && previousState.sshPort === sshPort ? previousState : null;

  const bridgeAddrs = (JSON.parse(addrs.stdout) as Array<{ ifname: string; addr_info?: Array<{ local?: string; prefixlen?: number }> }>)
    .filter((l) => l.ifname === names.bridge)
    .flatMap((l) => l.addr_info ?? []);
  const bridgeOk = bridgeAddrs.length === 1 && bridgeAddrs[0]?.local === names.gateway && bridgeAddrs[0]?.prefixlen === names.prefixLength;

  const observed = await Promise.all(
    names.hosts.map((h) => observeHost(h, names, previous?.hosts.find((p) => p.name === h.name))),
  );
  const keep = new Set(names.hosts.filter((_, i) => bridgeOk && observed[i]!.networkOk).map((h) => h.namespace));
  const keptLinks = new Set(names.hosts.filter((h) => keep.has(h.namespace)).map((h) => h.vethHost));

  // leftovers: anything named like ours that is not a healthy host of this inventory
  const staleNamespaces = (await namespacesWithPrefix(names.namespacePrefix)).filter((n) => !keep.has(n));
  const staleLinks = (await linksWithPrefix(names.vethPrefix)).filter((l) => !keptLinks.has(l));
  const removed = await teardown(staleNamespaces, staleLinks, bridgeOk ? null : names.bridge);
  if (removed.namespaces.length + removed.links.length > 0) log(`lab: removed leftovers of an earlier lab`);

  const authorizedKey = await ensureKeyPair(paths.identityFile, `kcp-lab@${cluster.name}`);
  const hostKeys = await Promise.all(
    names.hosts.map((h) => prepareHostDisk(h, { paths, cluster: cluster.hosts, sshPort, sshUser: cluster.ssh.user, authorizedKey })),
  );

  await mkdir(paths.sharedDir, { recursive: true, mode: 0o755 });
  const create = names.hosts.filter((h) => !keep.has(h.namespace));
  const heal = names.hosts.filter((h, i) => keep.has(h.namespace) && observed[i]!.partitioned);
  const batch = [...machineSideBatch(names, create, bridgeOk), ...heal.map((h) => `link set ${h.vethHost} up`)];
  if (batch.length > 0) await run(['ip', '-batch', '-'], { input: `${batch.join('\n')}\n` });
  await Promise.all(
    create.map((h) => run(['ip', '-n', h.namespace, '-batch', '-'], { input: `${insideBatch(h, names.prefixLength).join('\n')}\n` })),
  );

  const results = await Promise.all(
    names.hosts.map(async (h, i) => {
      const o = observed[i]!;
      if (keep.has(h.namespace) && o.running) return { pid: o.pid!, action: 'running' as const };
      const booted = await bootHost(h, { hostDir: paths.hostDir(h.name), sharedDir: paths.sharedDir, logFile: paths.sshdLog(h.name), sshPort, bridge: names.bridge });
      return { pid: booted.pid, action: keep.has(h.namespace) ? ('booted' as const) : ('started' as const) };
    }),
  );

  const knownHosts = names.hosts.map((h, i) => ({ name: h.name, address: h.address, publicKey: hostKeys[i]! }));
  await mkdir(dirname(paths.knownHosts), { recursive: true, mode: 0o700 });
  const oldKnown = await readFile(paths.knownHosts, 'utf8').catch(() => '');
  await writeFile(paths.knownHosts, mergeKnownHosts(oldKnown, knownHosts, sshPort));

  const bootedAt = new Date().toISOString();
  const state: LabState = {
    version: 1,
    cluster: cluster.name,
    inventory: cluster.inventoryFile,
    bridge: names.bridge,
    gateway: names.gateway,
    subnet: names.subnet,
    namespacePrefix: names.namespacePrefix,
    sshPort,
    hosts: names.hosts.map((h, i) => ({
      name: h.name,
      address: h.address,
      namespace: h.namespace,
      vethHost: h.vethHost,
      pid: results[i]!.pid,
      bootedAt: results[i]!.action === 'running' ? (previous?.hosts.find((p) => p.name === h.name)?.bootedAt ?? null) : bootedAt,
    })),
  };
  await writeState(paths.stateFile, state);

  return {
    ok: true,
    bridge: names.bridge,
    gateway: names.gateway,
    identity_file: paths.identityFile,
    known_hosts: paths.knownHosts,
    removed_leftovers: { namespaces: removed.namespaces, links: removed.links, processes: removed.processes },
    hosts: names.hosts.map((h, i) => ({
      name: h.name,
      address: h.address,
      namespace: h.namespace,
      pid: results[i]!.pid,
      action: results[i]!.action,
      healed: heal.includes(h),
    })),
  };
}

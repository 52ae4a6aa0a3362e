// Fault injection on one lab host: kill (power cut), restart (boot again, same disks),
// partition (off the network) and heal.
import { InputError, OperationError } from '../core/errors.js';
import type { Cluster } from '../inventory/model.js';
import { bootHost } from './boot.js';
import { flushNeighboursArgv, healArgv, partitionArgv } from './commands.js';
import { run } from './exec.js';
import { labNames, type LabHostNames, type LabNames } from './naming.js';
import { killAndWait, linkInfo } from './net.js';
import { labPaths } from './paths.js';
import { assertRoot } from './preflight.js';
import { allPids, isAlive, namespaceOf, netnsId } from './procs.js';
import { readState, writeState, type LabState } from './state.js';

export type Fault = 'kill' | 'restart' | 'partition' | 'heal';
export const FAULTS: readonly Fault[] = ['kill', 'restart', 'partition', 'heal'];

export interface FaultReport {
  ok: true;
  host: string;
  fault: Fault;
  /** false when the host already was in the asked-for state */
  changed: boolean;
  pid: number | null;
  killed: number;
}

/** After a heal every party looks its neighbours up afresh: the host, the other hosts, this machine. */
async function forgetNeighbours(names: LabNames, healed: LabHostNames): Promise<void> {
  const others = [];
  for (const h of names.hosts) if (h !== healed && (await netnsId(h.namespace)) !== null) others.push(h);
  await Promise.all([
    run(flushNeighboursArgv(healed.namespace, healed.vethInside, null)),
    run(flushNeighboursArgv(null, names.bridge, healed.address)),
    ...others.map((h) => run(flushNeighboursArgv(h.namespace, h.vethInside, healed.address))),
  ]);
}

async function target(cluster: Cluster, node: string): Promise<{ state: LabState; host: LabHostNames }> {
  assertRoot();
  const names = labNames(cluster);
  const host = names.hosts.find((h) => h.name === node);
  if (!host) throw new InputError(`no host named ${node} in ${cluster.inventoryFile} (hosts: ${names.hosts.map((h) => h.name).join(', ')})`);
  const state = await readState(labPaths(cluster).stateFile);
  if (!state || state.cluster !== cluster.name || (await netnsId(host.namespace)) === null) {
    throw new OperationError(`the lab is not up for ${cluster.name} (npm run lab:up)`);
  }
  return { state, host };
}

/** PID 1 of the host if it runs (checked against the host's network namespace). */
async function runningPid1(state: LabState, host: LabHostNames): Promise<number | null> {
  const pid = state.hosts.find((h) => h.name === host.name)?.pid ?? null;
  if (pid === null || !(await isAlive(pid))) return null;
  return (await namespaceOf(pid, 'net')) === (await netnsId(host.namespace)) ? pid : null;
}

/** Power cut: SIGKILL to PID 1 makes the kernel kill every process of its PID namespace at once. */
async function powerOff(state: LabState, host: LabHostNames): Promise<number> {
  const pid1 = await runningPid1(state, host);
  if (pid1 === null) return 0;
  const ns = await namespaceOf(pid1, 'pid');
  const pids = await allPids();
  const members = (await Promise.all(pids.map(async (p) => ((await namespaceOf(p, 'pid')) === ns ? p : null)))).filter((p) => p !== null);
  await killAndWait([pid1], host.name);
  await killAndWait(members, host.name); // already dying with PID 1; waits until all are gone
  return members.length;
}

async function setPid(cluster: Cluster, state: LabState, name: string, pid: number | null): Promise<void> {
  const hosts = state.hosts.map((h) => (h.name === name ? { ...h, pid, bootedAt: pid === null ? h.bootedAt : new Date().toISOString() } : h));
  await writeState(labPaths(cluster).stateFile, { ...state, hosts });
}

export async function injectFault(cluster: Cluster, fault: Fault, node: string): Promise<FaultReport> {
  const { state, host } = await target(cluster, node);
  const report = (changed: boolean, pid: number | null, killed = 0): FaultReport => ({ ok: true, host: node, fault, changed, pid, killed });
  switch (fault) {
    case 'kill': {
      const killed = await powerOff(state, host);
      await setPid(cluster, state, node, null);
      return report(killed > 0, null, killed);
    }
    case 'restart': {
      const killed = await powerOff(state, host);
      const paths = labPaths(cluster);
      const reachable = (await linkInfo(host.vethHost))?.up ?? false;
      const booted = await bootHost(host, {
        hostDir: paths.hostDir(node),
        sharedDir: paths.sharedDir,
        logFile: paths.sshdLog(node),
        sshPort: state.sshPort,
        bridge: state.bridge,
        reachable,
      });
      await setPid(cluster, state, node, booted.pid);
      return report(true, booted.pid, killed);
    }
    case 'partition':
    case 'heal': {
      const link = await linkInfo(host.vethHost);
      if (!link) throw new OperationError(`${node}: its link ${host.vethHost} is missing (npm run lab:up repairs it)`);
      const wantUp = fault === 'heal';
      if (link.up !== wantUp) await run(wantUp ? healArgv(host.vethHost) : partitionArgv(host.vethHost));
      if (wantUp) await forgetNeighbours(labNames(cluster), host);
      return report(link.up !== wantUp, await runningPid1(state, host));
    }
  }
}

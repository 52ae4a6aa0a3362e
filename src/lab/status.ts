// lab:status: per host whether it is up, its address, PID 1, whether it is partitioned and
// what runs in it (every process in its PID namespace).
import { readFile } from 'node:fs/promises';
import type { Cluster } from '../inventory/model.js';
import { labNames } from './naming.js';
import { linkInfo } from './net.js';
import { labPaths } from './paths.js';
import { allPids, isAlive, namespaceOf, netnsId, processInfo } from './procs.js';
import { readState } from './state.js';

export interface HostStatus {
  name: string;
  address: string;
  namespace: string;
  up: boolean;
  /** PID 1 of the host as seen from this machine */
  pid: number | null;
  /** its veth exists on this machine's side */
  linked: boolean;
  partitioned: boolean;
  /** pid: as seen from this machine; host_pid: inside the host */
  processes: Array<{ pid: number; host_pid: number | null; command: string }>;
}

export interface LabStatus {
  up: boolean;
  bridge: string;
  bridge_present: boolean;
  subnet: string;
  hosts: HostStatus[];
}

/** "NSpid:\t4242\t7" -> 7: the PID inside the innermost PID namespace. */
export function innerPid(statusText: string): number | null {
  const line = statusText.split('\n').find((l) => l.startsWith('NSpid:'));
  const last = line?.trim().split(/\s+/).pop();
  return last && /^\d+$/.test(last) ? Number(last) : null;
}

export async function labStatus(cluster: Cluster): Promise<LabStatus> {
  const names = labNames(cluster);
  const state = await readState(labPaths(cluster).stateFile).catch(() => null);
  const mine = state?.cluster === cluster.name ? state : null;
  const pids = await allPids();
  const pidNs = await Promise.all(pids.map((p) => namespaceOf(p, 'pid')));

  const hosts = await Promise.all(
    names.hosts.map(async (h): Promise<HostStatus> => {
      const [net, veth] = await Promise.all([netnsId(h.namespace), linkInfo(h.vethHost)]);
      const pid1 = mine?.hosts.find((s) => s.name === h.name)?.pid ?? null;
      const up = net !== null && pid1 !== null && (await isAlive(pid1)) && (await namespaceOf(pid1, 'net')) === net;
      let processes: HostStatus['processes'] = [];
      if (up) {
        const ns = await namespaceOf(pid1!, 'pid');
        const members = pids.filter((_, i) => pidNs[i] === ns);
        const infos = await Promise.all(
          members.map(async (pid) => {
            const info = await processInfo(pid);
            const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
            return info ? { pid, host_pid: innerPid(status), command: info.command } : null;
          }),
        );
        processes = infos.filter((p) => p !== null);
      }
      return { name: h.name, address: h.address, namespace: h.namespace, up, pid: up ? pid1 : null, linked: veth !== null, partitioned: veth !== null && !veth.up, processes };
    }),
  );
  const bridgePresent = (await linkInfo(names.bridge)) !== null;
  return { up: bridgePresent && hosts.every((h) => h.up), bridge: names.bridge, bridge_present: bridgePresent, subnet: names.subnet, hosts };
}

// Names of everything the lab creates on this machine, derived from the cluster name alone, so a
// later run (or a new process after a crash, with state.json gone) finds its own leftovers and
// nothing else. A short hash of the name keeps two inventories apart and fits the 15-character
// limit of Linux interface names.
import { createHash } from 'node:crypto';
import { InputError } from '../core/errors.js';
import type { Cluster } from '../inventory/model.js';

export interface LabHostNames {
  name: string;
  address: string;
  /** network namespace, /run/netns/<namespace> */
  namespace: string;
  /** veth end on the machine's side, enslaved to the bridge */
  vethHost: string;
  /** veth end inside the namespace */
  vethInside: string;
}

export interface LabNames {
  /** kcp-<slug>-<hash>-: every namespace of this lab starts with it */
  namespacePrefix: string;
  bridge: string;
  /** kv<hash>-: every host-side veth of this lab starts with it */
  vethPrefix: string;
  /** the bridge's address: .1 of the hosts' /24 */
  gateway: string;
  prefixLength: 24;
  /** a.b.c.0/24 */
  subnet: string;
  hosts: LabHostNames[];
}

export const INSIDE_INTERFACE = 'eth0';

/** What the lab's names look like, whatever the cluster (for `lab clean`). */
export const LAB_NAMESPACE = /^kcp-[a-z0-9-]+-[0-9a-f]{6}-[A-Za-z0-9-]+$/;
export const LAB_BRIDGE = /^kcp[0-9a-f]{6}$/;
export const LAB_VETH = /^kv[0-9a-f]{6}-\d+$/;

export function clusterHash(clusterName: string): string {
  return createHash('sha256').update(clusterName).digest('hex').slice(0, 6);
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 24) || 'lab';
}

export function parseIPv4(address: string): [number, number, number, number] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return null;
  const parts = m.slice(1).map(Number) as [number, number, number, number];
  return parts.every((p) => p <= 255) ? parts : null;
}

/** The /24 shared by every host; the lab refuses anything else (one bridge, one subnet). */
export function labSubnet(hosts: Array<{ name: string; address: string }>): { subnet: string; gateway: string } {
  const problems: string[] = [];
  let network: string | null = null;
  for (const host of hosts) {
    const ip = parseIPv4(host.address);
    if (!ip) {
      problems.push(`${host.name}: address ${host.address} is not an IPv4 address`);
      continue;
    }
    const net = ip.slice(0, 3).join('.');
    if (network === null) network = net;
    else if (net !== network) problems.push(`${host.name}: ${host.address} is outside ${network}.0/24`);
    if (ip[3] === 0 || ip[3] === 1 || ip[3] === 255) {
      problems.push(`${host.name}: ${host.address} is reserved in the lab (.0 network, .1 the lab bridge, .255 broadcast)`);
    }
  }
  if (network === null) problems.push('the inventory has no hosts');
  if (problems.length > 0) {
    throw new InputError(`the lab needs every host in one /24 subnet:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return { subnet: `${network}.0/24`, gateway: `${network}.1` };
}

/** The names that identify one cluster's lab objects; needs no valid subnet (lab:down uses it). */
export function labIds(clusterName: string): Pick<LabNames, 'namespacePrefix' | 'bridge' | 'vethPrefix'> {
  const hash = clusterHash(clusterName);
  return { namespacePrefix: `kcp-${slug(clusterName)}-${hash}-`, bridge: `kcp${hash}`, vethPrefix: `kv${hash}-` };
}

export function labNames(cluster: Pick<Cluster, 'name' | 'hosts'>): LabNames {
  const { namespacePrefix, bridge, vethPrefix } = labIds(cluster.name);
  const { subnet, gateway } = labSubnet(cluster.hosts);
  return {
    namespacePrefix,
    bridge,
    vethPrefix,
    gateway,
    prefixLength: 24,
    subnet,
    hosts: cluster.hosts.map((host, i) => ({
      name: host.name,
      address: host.address,
      namespace: `${namespacePrefix}${host.name}`,
      vethHost: `${vethPrefix}${i}`,
      vethInside: INSIDE_INTERFACE,
    })),
  };
}

// Commands the lab runs, as pure functions returning argv or `ip -batch` lines, so each is
// tested as an exact string. Few processes: one batch for the machine's side, one per host.
import type { LabHostNames, LabNames } from './naming.js';
import { posix } from 'node:path';
import { HOST_MOUNTS, HOST_SSHD, LAB_SHARED_MOUNT } from './paths.js';

export const UNSHARE_FLAGS = ['--mount', '--uts', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'private'];

/** `ip -batch` lines on the machine's side: the bridge (unless it exists), then namespace + veth per host. */
export function machineSideBatch(names: Pick<LabNames, 'bridge' | 'gateway' | 'prefixLength'>, hosts: LabHostNames[], bridgeExists: boolean): string[] {
  const lines: string[] = [];
  if (!bridgeExists) {
    lines.push(`link add ${names.bridge} type bridge`);
    lines.push(`addr add ${names.gateway}/${names.prefixLength} dev ${names.bridge}`);
    lines.push(`link set ${names.bridge} up`);
  }
  for (const h of hosts) {
    lines.push(`netns add ${h.namespace}`);
    lines.push(`link add ${h.vethHost} type veth peer name ${h.vethInside} netns ${h.namespace}`);
    lines.push(`link set ${h.vethHost} master ${names.bridge} up`);
  }
  return lines;
}

/** `ip -n NAMESPACE -batch` lines inside one host: loopback and its address; no default route. */
export function insideBatch(host: LabHostNames, prefixLength: number): string[] {
  return [
    'link set lo up',
    `addr add ${host.address}/${prefixLength} dev ${host.vethInside}`,
    `link set ${host.vethInside} up`,
  ];
}

export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * What PID 1 of a host does before it becomes sshd: a fresh /run, the host's own disks over
 * /etc, /opt, /var/lib, ... (the host folder is first bound under /run so that a disk mounted
 * earlier cannot hide the folder of a later one, e.g. when the inventory lives under /tmp), the
 * machine's /etc/alternatives read-only (it belongs to the shared /usr), the lab's shared folder
 * at LAB_SHARED_MOUNT (on a /srv of its own, so nothing is created on the machine's), its hostname.
 */
export function bootScript(hostName: string, hostDir: string, sharedDir: string): string {
  const lines = [
    'set -e',
    'mount -t tmpfs -o mode=0755 kcp-run /run',
    'mkdir -p /run/kcp-host /run/kcp-alternatives /run/kcp-shared /run/sshd',
    `mount --bind ${shellQuote(hostDir)} /run/kcp-host`,
    `mount --bind ${shellQuote(sharedDir)} /run/kcp-shared`,
    'mount --bind -o ro /etc/alternatives /run/kcp-alternatives',
    ...HOST_MOUNTS.map((m) => `mount --bind /run/kcp-host/${m.dir} ${m.target}`),
    'mount --bind /run/kcp-alternatives /etc/alternatives',
    `mount -t tmpfs -o mode=0755 kcp-srv ${posix.dirname(LAB_SHARED_MOUNT)}`,
    `mkdir ${LAB_SHARED_MOUNT}`,
    `mount --bind /run/kcp-shared ${LAB_SHARED_MOUNT}`,
    'umount -l /run/kcp-host /run/kcp-alternatives /run/kcp-shared',
    'rmdir /run/kcp-host /run/kcp-alternatives /run/kcp-shared',
    `hostname ${shellQuote(hostName)}`,
    `exec /usr/sbin/sshd -D -e -f ${HOST_SSHD.config}`,
  ];
  return lines.join('\n');
}

/** argv that boots a host: its PID 1 runs in the namespace's network and in new mount/UTS/PID namespaces. */
export function bootArgv(host: Pick<LabHostNames, 'name' | 'namespace'>, hostDir: string, sharedDir: string): string[] {
  return ['ip', 'netns', 'exec', host.namespace, 'unshare', ...UNSHARE_FLAGS, 'sh', '-c', bootScript(host.name, hostDir, sharedDir)];
}

export const partitionArgv = (vethHost: string): string[] => ['ip', 'link', 'set', 'dev', vethHost, 'down'];
export const healArgv = (vethHost: string): string[] => ['ip', 'link', 'set', 'dev', vethHost, 'up'];
export const deleteNamespaceArgv = (namespace: string): string[] => ['ip', 'netns', 'delete', namespace];
export const deleteLinkArgv = (link: string): string[] => ['ip', 'link', 'delete', link];

/**
 * Forgets what a namespace (null: this machine) learnt about `address` (null: everything) on
 * `dev`: after a heal, a neighbour entry that failed during the partition would otherwise
 * answer "no route to host" until it expires.
 */
export function flushNeighboursArgv(namespace: string | null, dev: string, address: string | null): string[] {
  return ['ip', ...(namespace ? ['-n', namespace] : []), 'neigh', 'flush', 'dev', dev, ...(address ? ['to', address] : [])];
}

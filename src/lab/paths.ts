// Where the lab keeps its files: everything under <inventory folder>/.lab/, except the SSH key
// pair and known_hosts, which live where the inventory's ssh section points.
import { join } from 'node:path';
import type { Cluster } from '../inventory/model.js';

/** The folders of one host's own disks, relative to its host folder, and where they appear inside. */
export const HOST_MOUNTS = [
  { dir: 'etc', target: '/etc' },
  { dir: 'opt', target: '/opt' },
  { dir: 'var-lib', target: '/var/lib' },
  { dir: 'var-log', target: '/var/log' },
  { dir: 'root', target: '/root' },
  { dir: 'home', target: '/home' },
  { dir: 'tmp', target: '/tmp' },
] as const;

/**
 * One folder of the machine that every lab host sees at this path (the lab's stand-in for NFS):
 * where Spark keeps the checkpoints that the driver and every executor must share.
 */
export const LAB_SHARED_MOUNT = '/srv/kcp-shared';

/** Files inside a host's own /etc that belong to the lab's sshd. */
export const HOST_SSHD = {
  config: '/etc/ssh/kcp-lab_sshd_config',
  hostKey: '/etc/ssh/ssh_host_ed25519_key',
  authorizedKeys: '/etc/ssh/kcp-lab_authorized_keys',
} as const;

export interface LabPaths {
  root: string;
  stateFile: string;
  hostsDir: string;
  /** the folder every host mounts at LAB_SHARED_MOUNT */
  sharedDir: string;
  identityFile: string;
  publicKey: string;
  knownHosts: string;
  hostDir(name: string): string;
  /** a path inside the host (e.g. /etc/hostname) as seen from this machine */
  onHost(name: string, insidePath: string): string;
  sshdLog(name: string): string;
  /** what `ip netns exec` bind-mounts over /etc files */
  netnsEtc(namespace: string): string;
}

export function labPaths(cluster: Pick<Cluster, 'baseDir' | 'ssh'>): LabPaths {
  const root = join(cluster.baseDir, '.lab');
  const hostsDir = join(root, 'hosts');
  const hostDir = (name: string) => join(hostsDir, name);
  return {
    root,
    stateFile: join(root, 'state.json'),
    hostsDir,
    sharedDir: join(root, 'shared'),
    identityFile: cluster.ssh.identityFile,
    publicKey: `${cluster.ssh.identityFile}.pub`,
    knownHosts: cluster.ssh.knownHosts,
    hostDir,
    onHost(name, insidePath) {
      const mount = HOST_MOUNTS.find((m) => insidePath === m.target || insidePath.startsWith(`${m.target}/`));
      if (!mount) throw new Error(`${insidePath} is not on a disk of its own on lab hosts`);
      return join(hostDir(name), mount.dir, insidePath.slice(mount.target.length));
    },
    sshdLog: (name) => join(hostDir(name), 'sshd.log'),
    netnsEtc: (namespace) => join('/etc/netns', namespace),
  };
}

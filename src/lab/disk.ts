// A host's own disks: folders under .lab/hosts/<name>/ that appear as its /etc, /opt, /var/lib,
// /var/log, /root, /home and /tmp. /etc starts as a copy of this machine's /etc (so users,
// PAM, SSL and Java settings work) and is kept from then on, like a VM's disk.
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { run } from './exec.js';
import { mergeHostsFile, sshdConfig } from './files.js';
import { ensureKeyPair } from './keys.js';
import type { LabHostNames } from './naming.js';
import { HOST_MOUNTS, HOST_SSHD, type LabPaths } from './paths.js';

export interface DiskOptions {
  paths: LabPaths;
  /** every host of the cluster, for /etc/hosts */
  cluster: Array<{ name: string; address: string }>;
  sshPort: number;
  sshUser: string;
  /** the provisioner's public key line */
  authorizedKey: string;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Copies /etc once; the copy loses this machine's identity (host keys, hostname, DNS). */
async function createEtc(etc: string): Promise<void> {
  const tmp = `${etc}.creating`;
  await rm(tmp, { recursive: true, force: true });
  await run(['cp', '-a', '/etc', tmp]);
  for (const name of ['ssh_host_rsa_key', 'ssh_host_ecdsa_key', 'ssh_host_ed25519_key', 'ssh_host_dsa_key']) {
    await rm(join(tmp, 'ssh', name), { force: true });
    await rm(join(tmp, 'ssh', `${name}.pub`), { force: true });
  }
  await rm(join(tmp, 'netns'), { recursive: true, force: true });
  await rm(join(tmp, 'hosts'), { force: true });
  await rm(join(tmp, 'resolv.conf'), { force: true });
  // no DNS in the lab: look-ups of unknown names fail at once instead of timing out
  await writeFile(join(tmp, 'resolv.conf'), '');
  await rename(tmp, etc);
}

/** Prepares (or refreshes) one host's disks; returns its public host key line. */
export async function prepareHostDisk(host: LabHostNames, options: DiskOptions): Promise<string> {
  const { paths } = options;
  const dir = paths.hostDir(host.name);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(paths.hostsDir, 0o700); // the /etc copies hold /etc/shadow
  const etc = join(dir, 'etc');
  if (!(await exists(etc))) await createEtc(etc);
  for (const m of HOST_MOUNTS) if (m.dir !== 'etc') await mkdir(join(dir, m.dir), { recursive: true });
  await chmod(join(dir, 'tmp'), 0o1777);
  await chmod(join(dir, 'root'), 0o700);

  const passwd = await readFile(join(etc, 'passwd'), 'utf8');
  if (!passwd.split('\n').some((l) => l.startsWith(`${options.sshUser}:`))) {
    throw new InputError(`cluster.ssh.user: ${options.sshUser} does not exist on lab hosts (they copy this machine's users); use root`);
  }

  await writeFile(paths.onHost(host.name, '/etc/hostname'), `${host.name}\n`);
  const hostsFile = paths.onHost(host.name, '/etc/hosts');
  const oldHosts = await readFile(hostsFile, 'utf8').catch(() => null);
  const newHosts = mergeHostsFile(oldHosts, options.cluster);
  if (newHosts !== oldHosts) await writeFile(hostsFile, newHosts);
  await writeFile(paths.onHost(host.name, HOST_SSHD.config), sshdConfig(host.address, options.sshPort));
  await writeFile(paths.onHost(host.name, HOST_SSHD.authorizedKeys), `${options.authorizedKey}\n`, { mode: 0o644 });
  const hostKey = await ensureKeyPair(paths.onHost(host.name, HOST_SSHD.hostKey), `root@${host.name}`);

  // for commands run with plain `ip netns exec` (outside the host's own mounts)
  const netnsEtc = paths.netnsEtc(host.namespace);
  await mkdir(netnsEtc, { recursive: true });
  await writeFile(join(netnsEtc, 'hosts'), mergeHostsFile(null, options.cluster));
  await writeFile(join(netnsEtc, 'resolv.conf'), '');
  return hostKey;
}

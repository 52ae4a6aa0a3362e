// Contents of the files the lab writes (pure): each host's sshd_config, its /etc/hosts block,
// and the known_hosts entries that pin the hosts' keys for the provisioner.
import { HOST_SSHD } from './paths.js';

/** The host's own sshd: only its address, only the project's key, SFTP for uploads. */
export function sshdConfig(address: string, port: number): string {
  return [
    '# Written by the kcp lab; the host\'s sshd reads only this file.',
    `ListenAddress ${address}`,
    `Port ${port}`,
    `HostKey ${HOST_SSHD.hostKey}`,
    `AuthorizedKeysFile ${HOST_SSHD.authorizedKeys}`,
    'PidFile none',
    // the key files may sit below a world-writable folder (an inventory under /tmp)
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'X11Forwarding no',
    // the provisioner fans out: many sessions and connections at once are normal here
    'MaxStartups 100:30:200',
    'MaxSessions 50',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n');
}

export const HOSTS_BEGIN = '# BEGIN kcp-lab hosts';
export const HOSTS_END = '# END kcp-lab hosts';

export function hostsBlock(hosts: Array<{ name: string; address: string }>): string {
  return [HOSTS_BEGIN, ...hosts.map((h) => `${h.address} ${h.name}`), HOSTS_END].join('\n');
}

const BASE_HOSTS = '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n';

/** A host's /etc/hosts: the lab's block replaced (or added), every other line kept as it is. */
export function mergeHostsFile(existing: string | null, hosts: Array<{ name: string; address: string }>): string {
  const block = hostsBlock(hosts);
  const text = existing ?? BASE_HOSTS;
  const start = text.indexOf(HOSTS_BEGIN);
  const end = text.indexOf(HOSTS_END, start);
  if (start >= 0 && end >= 0) return text.slice(0, start) + block + text.slice(end + HOSTS_END.length);
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${block}\n`;
}

export interface KnownHost {
  name: string;
  address: string;
  /** "ssh-ed25519 AAAA..." (no comment) */
  publicKey: string;
}

/** The host patterns of a known_hosts line: name and address, `[x]:port` when the port is not 22. */
export function knownHostPatterns(host: Pick<KnownHost, 'name' | 'address'>, port: number): string[] {
  return [host.name, host.address].map((p) => (port === 22 ? p : `[${p}]:${port}`));
}

/**
 * known_hosts with one line per lab host; lines of other hosts are kept, any earlier line that
 * names one of these hosts is dropped (a rebuilt lab host has a new key).
 */
export function mergeKnownHosts(existing: string, hosts: KnownHost[], port: number): string {
  const ours = new Set(hosts.flatMap((h) => knownHostPatterns(h, port)));
  const kept = existing
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => line.startsWith('#') || !line.trim().split(/\s+/)[0]!.split(',').some((p) => ours.has(p)));
  const added = hosts.map((h) => `${knownHostPatterns(h, port).join(',')} ${h.publicKey.trim().split(/\s+/).slice(0, 2).join(' ')}`);
  return `${[...kept, ...added].join('\n')}\n`;
}

import { describe, expect, it } from 'vitest';
import { HOSTS_BEGIN, HOSTS_END, hostsBlock, knownHostPatterns, mergeHostsFile, mergeKnownHosts, sshdConfig } from '../../src/lab/files.js';

const cluster = [
  { name: 'node01', address: '192.168.56.11' },
  { name: 'node02', address: '192.168.56.12' },
];

describe('lab files', () => {
  it('writes an sshd config bound to the host address with the lab key only', () => {
    const config = sshdConfig('192.168.56.11', 22).split('\n');
    for (const line of [
      'ListenAddress 192.168.56.11',
      'Port 22',
      'HostKey /etc/ssh/ssh_host_ed25519_key',
      'AuthorizedKeysFile /etc/ssh/kcp-lab_authorized_keys',
      'PidFile none',
      'StrictModes no',
      'PasswordAuthentication no',
      'Subsystem sftp internal-sftp',
    ]) {
      expect(config).toContain(line);
    }
    expect(sshdConfig('10.0.0.2', 2222)).toContain('Port 2222\n');
  });

  it('starts /etc/hosts with localhost and every cluster host', () => {
    expect(mergeHostsFile(null, cluster)).toBe(
      `127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n${HOSTS_BEGIN}\n192.168.56.11 node01\n192.168.56.12 node02\n${HOSTS_END}\n`,
    );
  });

  it("replaces only the lab's block, keeping what the provisioner wrote", () => {
    const written = `127.0.0.1 localhost\n${hostsBlock([{ name: 'old', address: '10.0.0.2' }])}\n# BEGIN kafka-cluster\n192.168.56.11 node01\n# END kafka-cluster\n`;
    const merged = mergeHostsFile(written, cluster);
    expect(merged).toBe(`127.0.0.1 localhost\n${hostsBlock(cluster)}\n# BEGIN kafka-cluster\n192.168.56.11 node01\n# END kafka-cluster\n`);
    expect(mergeHostsFile(merged, cluster)).toBe(merged);
    expect(mergeHostsFile('127.0.0.1 localhost', cluster)).toBe(`127.0.0.1 localhost\n${hostsBlock(cluster)}\n`);
  });

  it('pins name and address, with [x]:port for ports other than 22', () => {
    expect(knownHostPatterns(cluster[0]!, 22)).toEqual(['node01', '192.168.56.11']);
    expect(knownHostPatterns(cluster[0]!, 2222)).toEqual(['[node01]:2222', '[192.168.56.11]:2222']);
  });

  it('replaces earlier lines for the same hosts and keeps the others', () => {
    const existing = 'github.example ssh-ed25519 AAAAother\nnode01,192.168.56.11 ssh-ed25519 AAAAold\n192.168.56.12 ssh-rsa AAAAold2\n';
    const merged = mergeKnownHosts(existing, [
      { ...cluster[0]!, publicKey: 'ssh-ed25519 AAAAnew1 root@node01' },
      { ...cluster[1]!, publicKey: 'ssh-ed25519 AAAAnew2 root@node02\n' },
    ], 22);
    expect(merged).toBe(
      'github.example ssh-ed25519 AAAAother\nnode01,192.168.56.11 ssh-ed25519 AAAAnew1\nnode02,192.168.56.12 ssh-ed25519 AAAAnew2\n',
    );
    expect(mergeKnownHosts('', [{ ...cluster[0]!, publicKey: 'ssh-ed25519 K' }], 2200)).toBe('[node01]:2200,[192.168.56.11]:2200 ssh-ed25519 K\n');
  });
});

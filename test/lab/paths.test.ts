import { describe, expect, it } from 'vitest';
import { HOST_MOUNTS, labPaths } from '../../src/lab/paths.js';
import { labCluster } from './fixture.js';

describe('lab paths', () => {
  const paths = labPaths(labCluster({ baseDir: '/tmp/inv' }));

  it('keeps state and host disks under the inventory folder', () => {
    expect(paths.stateFile).toBe('/tmp/inv/.lab/state.json');
    expect(paths.hostDir('node01')).toBe('/tmp/inv/.lab/hosts/node01');
    expect(paths.sshdLog('node01')).toBe('/tmp/inv/.lab/hosts/node01/sshd.log');
    expect(paths.netnsEtc('kcp-x')).toBe('/etc/netns/kcp-x');
  });

  it('puts the key pair and known_hosts where the inventory points', () => {
    expect(paths.identityFile).toBe('/tmp/inv/.lab/ssh/id_ed25519');
    expect(paths.publicKey).toBe('/tmp/inv/.lab/ssh/id_ed25519.pub');
    expect(paths.knownHosts).toBe('/tmp/inv/.lab/ssh/known_hosts');
  });

  it('maps paths inside a host to its own disks', () => {
    expect(paths.onHost('node02', '/etc/hosts')).toBe('/tmp/inv/.lab/hosts/node02/etc/hosts');
    expect(paths.onHost('node02', '/var/lib/zookeeper/myid')).toBe('/tmp/inv/.lab/hosts/node02/var-lib/zookeeper/myid');
    expect(paths.onHost('node02', '/opt')).toBe('/tmp/inv/.lab/hosts/node02/opt');
    expect(() => paths.onHost('node02', '/usr/bin/java')).toThrow(/not on a disk of its own/);
    expect(() => paths.onHost('node02', '/optional')).toThrow();
  });

  it('gives each host its own /etc, /opt, /var/lib, /var/log, /root, /home and /tmp', () => {
    expect(HOST_MOUNTS.map((m) => m.target)).toEqual(['/etc', '/opt', '/var/lib', '/var/log', '/root', '/home', '/tmp']);
  });
});

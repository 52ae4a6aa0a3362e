import { describe, expect, it } from 'vitest';
import { bootArgv, bootScript, deleteNamespaceArgv, flushNeighboursArgv, healArgv, insideBatch, machineSideBatch, partitionArgv, shellQuote } from '../../src/lab/commands.js';
import { labNames } from '../../src/lab/naming.js';
import { labCluster } from './fixture.js';

const names = labNames(labCluster({ name: 't', hosts: [{ name: 'node01', address: '10.9.8.11' }, { name: 'node02', address: '10.9.8.12' }] }));
const [h1, h2] = names.hosts as [(typeof names.hosts)[0], (typeof names.hosts)[0]];
const b = names.bridge;
const v = names.vethPrefix;

describe('lab commands', () => {
  it('creates the bridge once and a namespace with a veth pair per host', () => {
    expect(machineSideBatch(names, [h1, h2], false)).toEqual([
      `link add ${b} type bridge`,
      `addr add 10.9.8.1/24 dev ${b}`,
      `link set ${b} up`,
      `netns add ${h1.namespace}`,
      `link add ${v}0 type veth peer name eth0 netns ${h1.namespace}`,
      `link set ${v}0 master ${b} up`,
      `netns add ${h2.namespace}`,
      `link add ${v}1 type veth peer name eth0 netns ${h2.namespace}`,
      `link set ${v}1 master ${b} up`,
    ]);
    expect(machineSideBatch(names, [h2], true)).toEqual([
      `netns add ${h2.namespace}`,
      `link add ${v}1 type veth peer name eth0 netns ${h2.namespace}`,
      `link set ${v}1 master ${b} up`,
    ]);
  });

  it('gives the inside its address and no default route', () => {
    expect(insideBatch(h2, 24)).toEqual(['link set lo up', 'addr add 10.9.8.12/24 dev eth0', 'link set eth0 up']);
    expect(insideBatch(h2, 24).join('\n')).not.toMatch(/route/);
  });

  it('boots PID 1 in new mount, UTS and PID namespaces inside the network namespace', () => {
    const argv = bootArgv(h1, '/srv/kcp/.lab/hosts/node01', '/srv/kcp/.lab/shared');
    expect(argv.slice(0, -1)).toEqual([
      'ip', 'netns', 'exec', h1.namespace,
      'unshare', '--mount', '--uts', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'private',
      'sh', '-c',
    ]);
    expect(argv.at(-1)).toBe(bootScript('node01', '/srv/kcp/.lab/hosts/node01', '/srv/kcp/.lab/shared'));
  });

  it('mounts the host folder first, then its disks and the shared folder, then becomes sshd', () => {
    expect(bootScript('node01', '/tmp/my inv/.lab/hosts/node01', '/tmp/my inv/.lab/shared').split('\n')).toEqual([
      'set -e',
      'mount -t tmpfs -o mode=0755 kcp-run /run',
      'mkdir -p /run/kcp-host /run/kcp-alternatives /run/kcp-shared /run/sshd',
      "mount --bind '/tmp/my inv/.lab/hosts/node01' /run/kcp-host",
      "mount --bind '/tmp/my inv/.lab/shared' /run/kcp-shared",
      'mount --bind -o ro /etc/alternatives /run/kcp-alternatives',
      'mount --bind /run/kcp-host/etc /etc',
      'mount --bind /run/kcp-host/opt /opt',
      'mount --bind /run/kcp-host/var-lib /var/lib',
      'mount --bind /run/kcp-host/var-log /var/log',
      'mount --bind /run/kcp-host/root /root',
      'mount --bind /run/kcp-host/home /home',
      'mount --bind /run/kcp-host/tmp /tmp',
      'mount --bind /run/kcp-alternatives /etc/alternatives',
      'mount -t tmpfs -o mode=0755 kcp-srv /srv',
      'mkdir /srv/kcp-shared',
      'mount --bind /run/kcp-shared /srv/kcp-shared',
      'umount -l /run/kcp-host /run/kcp-alternatives /run/kcp-shared',
      'rmdir /run/kcp-host /run/kcp-alternatives /run/kcp-shared',
      'hostname node01',
      'exec /usr/sbin/sshd -D -e -f /etc/ssh/kcp-lab_sshd_config',
    ]);
  });

  it('partitions and heals by the host-side veth', () => {
    expect(partitionArgv('kvabc-0')).toEqual(['ip', 'link', 'set', 'dev', 'kvabc-0', 'down']);
    expect(healArgv('kvabc-0')).toEqual(['ip', 'link', 'set', 'dev', 'kvabc-0', 'up']);
    expect(deleteNamespaceArgv('kcp-x')).toEqual(['ip', 'netns', 'delete', 'kcp-x']);
    expect(flushNeighboursArgv('kcp-x', 'eth0', '10.9.8.12')).toEqual(['ip', '-n', 'kcp-x', 'neigh', 'flush', 'dev', 'eth0', 'to', '10.9.8.12']);
    expect(flushNeighboursArgv(null, 'kcpabc', null)).toEqual(['ip', 'neigh', 'flush', 'dev', 'kcpabc']);
  });

  it('quotes for sh only when needed', () => {
    expect(shellQuote('/srv/kcp')).toBe('/srv/kcp');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

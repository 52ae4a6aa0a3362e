import { describe, expect, it } from 'vitest';
import { formatDown, formatFault, formatStatus, formatUp } from '../../src/lab/format.js';

describe('lab output for people', () => {
  it('lists hosts after up', () => {
    const text = formatUp({
      ok: true, bridge: 'kcpabcdef', gateway: '10.0.0.1', identity_file: '/i', known_hosts: '/k',
      removed_leftovers: { namespaces: ['kcp-x-node01'], links: [], processes: 0 },
      hosts: [{ name: 'node01', address: '10.0.0.11', namespace: 'kcp-x-node01', pid: 42, action: 'running', healed: true }],
    });
    expect(text.split('\n')).toEqual([
      'lab up on bridge kcpabcdef (10.0.0.1)',
      'HOST    ADDRESS    PID  ACTION',
      'node01  10.0.0.11  42   running (healed partition)',
      'removed leftovers: kcp-x-node01',
      'ssh: identity /i, known_hosts /k',
    ]);
  });

  it('shows state, network and processes per host', () => {
    const text = formatStatus({
      up: false, bridge: 'kcpabcdef', bridge_present: true, subnet: '10.0.0.0/24',
      hosts: [
        { name: 'node01', address: '10.0.0.11', namespace: 'n1', up: true, pid: 42, linked: true, partitioned: true, processes: [{ pid: 42, host_pid: 1, command: 'sshd: /usr/sbin/sshd -D' }] },
        { name: 'node02', address: '10.0.0.12', namespace: 'n2', up: false, pid: null, linked: false, partitioned: false, processes: [] },
      ],
    });
    expect(text).toContain('node01  10.0.0.11  up     42    partitioned  1');
    expect(text).toContain('node02  10.0.0.12  down   -     -            0');
    expect(text).toContain('node01:\n      1  sshd: /usr/sbin/sshd -D');
    expect(text).toContain('lab not fully up');
  });

  it('says what down and the faults did', () => {
    expect(formatDown({ ok: true, removed: { namespaces: [], links: [], processes: 0 }, purged: false })).toBe('lab already down');
    expect(formatDown({ ok: true, removed: { namespaces: ['n1'], links: ['kcpa'], processes: 3 }, purged: true })).toBe(
      'lab down: removed n1, kcpa; stopped 3 processes; host disks removed',
    );
    expect(formatFault({ ok: true, host: 'node02', fault: 'kill', changed: true, pid: null, killed: 5 })).toBe('node02 powered off (5 processes killed)');
    expect(formatFault({ ok: true, host: 'node02', fault: 'heal', changed: false, pid: 9, killed: 0 })).toBe('node02 is back on the network (already so)');
  });
});

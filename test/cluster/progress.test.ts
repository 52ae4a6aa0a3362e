import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/cluster/diff.js';
import { Progress } from '../../src/cluster/progress.js';
import { formatStatus, type StatusReport } from '../../src/cluster/status.js';

describe('progress', () => {
  it('plain lines when not a terminal', () => {
    const out: string[] = [];
    const p = new Progress(['node01'], { write: (t) => out.push(t), isTTY: false });
    p.host('node01', 'starting kafka');
    p.note('Kafka: brokers registered');
    expect(out).toEqual(['[node01] starting kafka\n', 'Kafka: brokers registered\n']);
  });
  it('a live view redrawn in place on a terminal', () => {
    let screen = '';
    const p = new Progress(['node01', 'node02'], { write: (t) => (screen += t), isTTY: true });
    p.host('node01', 'a');
    p.host('node02', 'b');
    expect(screen).toContain('\x1b[2A\x1b[J');
    expect(screen.endsWith('  node01  a\n  node02  b\n')).toBe(true);
  });
});

describe('unifiedDiff', () => {
  it('shows changed lines with the remote path as label', () => {
    const d = unifiedDiff('/etc/kafka/server.properties', 'a=1\nb=2\n', 'a=1\nb=3\n');
    expect(d).toContain('--- a/etc/kafka/server.properties');
    expect(d).toContain('-b=2\n+b=3');
    expect(unifiedDiff('/x', 'same\n', 'same\n')).toBe('');
    expect(unifiedDiff('/x', null, 'new\n')).toContain('--- /dev/null');
  });
});

describe('formatStatus', () => {
  const base: StatusReport = {
    ok: false,
    mode: 'zookeeper',
    zookeeper: [{ host: 'node01', mode: 'leader', pid: 40, version: '3.8.4' }],
    brokers: [{ host: 'node01', id: 0, registered: false, controller: false, fenced: false, pid: null, version: null }],
    controller: null,
    under_replicated: 2,
    under_min_isr: 1,
    offline: 0,
    quorum: { leader: 1, voters: [{ id: 1, host: 'node01', role: 'leader', lag: null, caught_up: true }] },
    processes: [
      { name: 'node01/zookeeper', host: 'node01', service: 'zookeeper', roles: ['zookeeper'], id: 1, pid: 40, version: '3.8.4', quorum_role: 'leader', lag: null, fenced: null },
      { name: 'node01/kafka', host: 'node01', service: 'kafka', roles: ['broker'], id: 0, pid: null, version: null, quorum_role: null, lag: null, fenced: null },
    ],
    problems: [],
  };

  it('one row per process with its role, state, pid and version', () => {
    expect(formatStatus(base)).toBe(
      [
        'HOST    ROLE       STATE           PID  VERSION',
        'node01  zookeeper  leader          40   3.8.4',
        'node01  broker 0   NOT registered  -    -',
        '',
        'controller: none   under-replicated partitions: 2   under min ISR: 1   offline: 0   NOT healthy',
      ].join('\n'),
    );
  });

  it('KRaft: quorum role and lag, fencing, feature levels, and why the quorum is not healthy', () => {
    const r: StatusReport = {
      ...base,
      mode: 'kraft',
      zookeeper: [],
      brokers: [{ host: 'node01', id: 1, registered: true, controller: true, fenced: true, pid: 41, version: '4.4.0' }],
      controller: 1,
      under_replicated: 0,
      under_min_isr: 0,
      offline: 0,
      processes: [
        { name: 'node01/controller', host: 'node01', service: 'controller', roles: ['controller'], id: 9, pid: 40, version: '4.4.0', quorum_role: 'leader', lag: 0, fenced: null },
        { name: 'node01/kafka', host: 'node01', service: 'kafka', roles: ['controller', 'broker'], id: 1, pid: 41, version: '4.4.0', quorum_role: 'follower', lag: 3, fenced: true },
      ],
      features: { 'metadata.version': 33, 'kraft.version': 1 },
      problems: ['node02 (controller): process not running'],
    };
    expect(formatStatus(r)).toBe(
      [
        'HOST    ROLE                 STATE                    PID  VERSION',
        'node01  controller 9         leader, lag 0            40   4.4.0',
        'node01  broker+controller 1  follower, lag 3, FENCED  41   4.4.0',
        '',
        'controller: 1   under-replicated partitions: 0   under min ISR: 0   offline: 0   NOT healthy',
        'features: metadata.version=33 kraft.version=1',
        'quorum: node02 (controller): process not running',
      ].join('\n'),
    );
  });
});

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
  it('one row per service with mode, registration, pid and version', () => {
    const r: StatusReport = {
      ok: false,
      zookeeper: [{ host: 'node01', mode: 'leader', pid: 40, version: '3.8.4' }],
      brokers: [{ host: 'node01', id: 0, registered: false, controller: false, pid: null, version: null }],
      controller: null,
      under_replicated: 2,
    };
    expect(formatStatus(r)).toBe(
      [
        'HOST    ROLE       STATE           PID  VERSION',
        'node01  zookeeper  leader          40   3.8.4',
        'node01  broker 0   NOT registered  -    -',
        '',
        'controller: none   under-replicated partitions: 2   NOT healthy',
      ].join('\n'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseStartedPid, startCommand, statusCommand, stopCommand, warningsOf } from '../../src/ops/service.js';
import { serviceAction } from '../../src/ops/restart.js';

describe('service commands', () => {
  it('exact strings', () => {
    expect(startCommand('zookeeper')).toBe('/opt/kafka-cluster/bin/zookeeper-service.sh start');
    expect(stopCommand('kafka')).toBe('/opt/kafka-cluster/bin/kafka-service.sh stop 60');
    expect(stopCommand('kafka', 5)).toBe('/opt/kafka-cluster/bin/kafka-service.sh stop 5');
    expect(statusCommand('kafka')).toBe('/opt/kafka-cluster/bin/kafka-service.sh status');
  });
  it('parses the pid and warnings the scripts print', () => {
    expect(parseStartedPid('kafka started, pid 4242\n')).toBe(4242);
    expect(parseStartedPid('kafka already running, pid 7\n')).toBe(7);
    expect(parseStartedPid('nonsense')).toBeNull();
    expect(warningsOf('x\nwarning: kafka pid 9 still running 60s after SIGTERM; sending SIGKILL\n')).toHaveLength(1);
  });
});

describe('serviceAction', () => {
  const running = { service: 'kafka' as const, running: true, pid: 9, dist: 'kafka_2.13-3.9.1', crashed: false };
  const base = { service: 'kafka' as const, wanted: true, process: running, changedFiles: [], distName: 'kafka_2.13-3.9.1', distSwitched: false };
  it('leaves a running, unchanged service alone', () => {
    expect(serviceAction(base)).toEqual({ service: 'kafka', action: 'none', reasons: ['running, unchanged'] });
  });
  it('restarts for a changed file or distribution', () => {
    expect(serviceAction({ ...base, changedFiles: ['/etc/kafka/server.properties'] })).toEqual({ service: 'kafka', action: 'restart', reasons: ['/etc/kafka/server.properties changed'] });
    expect(serviceAction({ ...base, distSwitched: true }).action).toBe('restart');
    expect(serviceAction({ ...base, process: { ...running, dist: 'kafka_2.13-3.8.0' } }).reasons).toEqual(['runs kafka_2.13-3.8.0, wanted kafka_2.13-3.9.1']);
  });
  it('starts a stopped one; ignores a service not on the host', () => {
    expect(serviceAction({ ...base, process: { ...running, running: false, pid: null } }).action).toBe('start');
    expect(serviceAction({ ...base, wanted: false, process: { ...running, running: false, pid: null } }).action).toBe('none');
  });
  it('reports, and never stops, a service still running where the inventory no longer puts it', () => {
    const r = serviceAction({ ...base, wanted: false });
    expect(r.action).toBe('left-running');
    expect(r.reasons[0]).toMatch(/^pid 9 runs but the inventory no longer puts kafka on this host; not stopped: move its partitions/);
  });
});

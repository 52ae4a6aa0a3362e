import { describe, expect, it } from 'vitest';
import { describePlan, planHost, uploadsOf } from '../../src/cluster/plan.js';
import { cluster, files, freshFacts, LOCAL, provisionedFacts } from './fixtures.js';

const node01 = cluster.hosts[0]!;

describe('planHost', () => {
  it('on a fresh host: user, folders, distribution, every file, the hosts block, and starts', () => {
    const plan = planHost(cluster, node01, files, freshFacts(), LOCAL);
    expect(plan.steps[0]?.what).toBe('user kafka');
    expect(plan.steps.length).toBe(1 + 12);
    expect(plan.dists[0]!.plan).toMatchObject({ upload: true, unpack: true, switchLink: true });
    expect(uploadsOf(plan)).toEqual(['/opt/kafka-dist/kafka_2.13-3.9.1.tgz', '/etc/zookeeper/zoo.cfg', '/etc/kafka/server.properties', '/etc/hosts']);
    expect(plan.services.map((s) => [s.service, s.action])).toEqual([['zookeeper', 'start'], ['kafka', 'start']]);
  });

  it('on a provisioned host with nothing changed: nothing at all', () => {
    const plan = planHost(cluster, node01, files, provisionedFacts(), LOCAL);
    expect(describePlan(plan)).toEqual([]);
    expect(uploadsOf(plan)).toEqual([]);
    expect(plan.services.every((s) => s.action === 'none')).toBe(true);
  });

  it('a changed broker file restarts the broker only', () => {
    const changed = files.map((f) => (f.path.endsWith('server.properties') ? { ...f, content: 'broker.id=0\nnum.io.threads=4\n' } : f));
    const plan = planHost(cluster, node01, changed, provisionedFacts(), LOCAL);
    expect(uploadsOf(plan)).toEqual(['/etc/kafka/server.properties']);
    expect(plan.services).toEqual([
      { service: 'zookeeper', action: 'none', reasons: ['running, unchanged'] },
      { service: 'kafka', action: 'restart', reasons: ['/etc/kafka/server.properties changed'] },
    ]);
    expect(describePlan(plan)).toEqual(['/etc/kafka/server.properties: content changed', 'restart kafka: /etc/kafka/server.properties changed']);
  });

  it('a broker still running on a host whose broker role was removed is reported, not stopped', () => {
    const zookeeperOnly = { ...node01, brokerId: null };
    const plan = planHost(cluster, zookeeperOnly, files.filter((f) => f.service !== 'kafka'), provisionedFacts(), LOCAL);
    expect(plan.services.map((s) => [s.service, s.action])).toEqual([['zookeeper', 'none'], ['kafka', 'left-running']]);
    expect(describePlan(plan)).toEqual([expect.stringMatching(/^kafka left running: pid \d+ runs but the inventory no longer puts kafka on this host; not stopped: /)]);
  });

  it('a new distribution restarts both services', () => {
    const plan = planHost(cluster, node01, files, provisionedFacts(), { kafka: { path: '/local/kafka.tgz', sha512: 'c'.repeat(128) } });
    expect(plan.dists[0]!.plan).toMatchObject({ upload: true, unpack: true, switchLink: false });
    expect(plan.services.map((s) => s.action)).toEqual(['restart', 'restart']);
  });
});

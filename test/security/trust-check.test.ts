import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PathFact } from '../../src/facts/paths.js';
import type { HostFile } from '../../src/render/types.js';
import { foreignCaProblems, liveSecuritySwitchProblems } from '../../src/security/trust-check.js';

const cluster = { security: 'secure' as const, baseDir: '/ops', name: 'demo' };
const file = (path: string, content: string): HostFile => ({ path, content, mode: 0o644, owner: 'kafka', group: 'kafka', service: 'kafka', kind: 'file' });
const onHost = (path: string, content: string | null) => ({
  paths: new Map<string, PathFact>([[path, { path, type: content === null ? 'missing' : 'file', mode: null, owner: null, group: null, sha256: content === null ? null : createHash('sha256').update(content).digest('hex') } as PathFact]]),
});
const CA = '/etc/kafka/tls/ca.pem';

describe('foreignCaProblems', () => {
  it('nothing when a host trusts this machine\'s CA or has no trust store yet (a new cluster)', () => {
    const rendered = new Map([['node01', [file(CA, 'our CA')]], ['node02', [file(CA, 'our CA')]]]);
    expect(foreignCaProblems(cluster, rendered, new Map([['node01', onHost(CA, 'our CA')], ['node02', onHost(CA, null)]]))).toEqual([]);
  });

  it('names each host whose trust store holds another CA, and says what to do', () => {
    const rendered = new Map([['node01', [file(CA, 'our CA')]], ['node02', [file('/etc/kafka-controller/tls/ca.pem', 'our CA')]]]);
    const facts = new Map([['node01', onHost(CA, 'their CA')], ['node02', onHost('/etc/kafka-controller/tls/ca.pem', 'their CA')]]);
    const problems = foreignCaProblems(cluster, rendered, facts);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^node01: \/etc\/kafka\/tls\/ca\.pem holds another CA \(sha256 [0-9a-f]{12}\) than \/ops\/\.kcp-secrets\/demo\/ca\.crt .*copy its \.kcp-secrets folder here/);
    expect(problems[1]).toMatch(/^node02: \/etc\/kafka-controller\/tls\/ca\.pem holds another CA/);
  });

  it('a cluster that is not secured has no CA to compare', () => {
    expect(foreignCaProblems({ ...cluster, security: 'none' }, new Map([['node01', [file(CA, 'x')]]]), new Map([['node01', onHost(CA, 'y')]]))).toEqual([]);
  });
});

describe('liveSecuritySwitchProblems', () => {
  const node = (service: 'kafka' | 'zookeeper') => ({ name: `node01/${service}`, service, host: { name: 'node01' } }) as never;
  const secured = { security: 'secure' as const, processes: [node('zookeeper'), node('kafka')] };
  const host = (o: { running?: boolean; trusted?: boolean; used?: boolean }) => ({
    paths: new Map<string, PathFact>(o.trusted ? ['/etc/kafka/tls/ca.pem', '/etc/zookeeper/tls/ca.pem'].map((p) => [p, { path: p, type: 'file', mode: 0o644, owner: 'kafka', group: 'kafka', sha256: 'ab' } as PathFact]) : []),
    processes: { kafka: { running: Boolean(o.running) }, zookeeper: { running: Boolean(o.running) } } as never,
    storage: new Map(o.used ? [['/var/lib/kafka/data', { clusterId: 'AAAAAAAAAAAAAAAAAAAAAA', nodeId: 1, directoryId: null }]] : []),
  });

  it('a new cluster, or one already secured, passes', () => {
    expect(liveSecuritySwitchProblems(secured, new Map([['node01', host({})]]))).toEqual([]);
    expect(liveSecuritySwitchProblems(secured, new Map([['node01', host({ running: true, trusted: true, used: true })]]))).toEqual([]);
  });

  it('refuses to turn security on while the processes run without it, naming each', () => {
    const problems = liveSecuritySwitchProblems(secured, new Map([['node01', host({ running: true, used: true })]]));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^node01\/zookeeper: runs without TLS \(no \/etc\/zookeeper\/tls\/ca\.pem\).*to keep this cluster as it is, put security: none under cluster: in the inventory \(each process restarted with TLS would lose the others\)$/);
    expect(problems[1]).toMatch(/^node01\/kafka: runs without TLS/);
  });

  it('refuses data that a cluster without security made, stopped or not', () => {
    expect(liveSecuritySwitchProblems(secured, new Map([['node01', host({ used: true })]]))).toEqual([
      expect.stringMatching(/^node01\/kafka: \/var\/lib\/kafka\/data holds the data of a cluster that ran without security; only a new cluster can be secured .*to keep this cluster as it is, put security: none/),
    ]);
  });

  it('a secured cluster whose host lost its trust store gets it back: another host holds one', () => {
    const two = { ...secured, processes: [...secured.processes, { name: 'node02/kafka', service: 'kafka', host: { name: 'node02' } } as never] };
    const facts = new Map([['node01', host({ running: true, used: true })], ['node02', host({ running: true, trusted: true, used: true })]]);
    expect(liveSecuritySwitchProblems(two, facts)).toEqual([]);
  });

  it('a cluster without security has nothing to switch', () => {
    expect(liveSecuritySwitchProblems({ ...secured, security: 'none' }, new Map([['node01', host({ running: true, used: true })]]))).toEqual([]);
  });
});

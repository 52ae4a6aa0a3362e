import { describe, expect, it } from 'vitest';
import { gatherCommand, parseGather, splitSections, type GatherSpec } from '../../src/facts/gather.js';
import { SERVICES } from '../../src/render/layout.js';
import { runLocal } from './local-bash.js';

const spec: GatherSpec = {
  paths: ['/etc/hostname', '/nonexistent/kcp'],
  diskPaths: ['/', '/tmp'],
  user: 'root',
  dists: [
    { tarball: '/nonexistent/k.tgz', dir: '/nonexistent/k', link: '/nonexistent/kafka' },
    { tarball: '/nonexistent/s.tgz', dir: '/', link: '/nonexistent/spark' },
  ],
  etcHosts: '/etc/hosts',
  storageDirs: ['/nonexistent/kafka-data'],
};

describe('gather', () => {
  it('reads every fact of a host in one command', () => {
    const r = runLocal(gatherCommand(spec));
    expect(r.code).toBe(0);
    const facts = parseGather(r.stdout, spec);
    expect(facts.paths.get('/etc/hostname')?.type).toBe('file');
    expect(facts.paths.get('/nonexistent/kcp')?.type).toBe('missing');
    expect(facts.userUid).toBe(0);
    expect(facts.java.major).toBeGreaterThanOrEqual(11);
    expect(facts.dists).toEqual([
      { tarballSha512: null, stamped: false, unpacked: false, linkTarget: null },
      { tarballSha512: null, stamped: false, unpacked: true, linkTarget: null },
    ]);
    expect(facts.disk.size).toBe(2);
    expect(facts.etcHosts).toContain('localhost');
    expect(facts.storage).toEqual(new Map([['/nonexistent/kafka-data', { clusterId: null, nodeId: null, directoryId: null }]]));
    // this machine is no cluster host: no pidfiles, so neither service runs nor crashed
    const stopped = { running: false, pid: null, dist: null, crashed: false };
    expect(facts.processes).toEqual(Object.fromEntries(SERVICES.map((service) => [service, { service, ...stopped }])));
  });
  it('splits sections and fails loudly when one is missing', () => {
    expect(splitSections('junk\n@@kcp-fact a\n1\n2\n@@kcp-fact b\n')).toEqual(new Map([['a', '1\n2'], ['b', '']]));
    expect(() => parseGather('@@kcp-fact paths\n', spec)).toThrow();
  });
});

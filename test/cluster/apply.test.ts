import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/cluster/apply.js';
import { planHost } from '../../src/cluster/plan.js';
import { cluster, files, freshFacts, LOCAL, provisionedFacts } from './fixtures.js';

const node01 = cluster.hosts[0]!;

/** records what a host is asked to do, in order */
function recordingSession() {
  const calls: string[] = [];
  return {
    calls,
    exec: async (_script: string, opts: { describe?: string } = {}) => {
      calls.push(`exec ${opts.describe}`);
      return { stdout: '', stderr: '', code: 0 };
    },
    put: async (path: string) => void calls.push(`put ${path}`),
    putFile: async (_local: string, path: string) => void calls.push(`putFile ${path}`),
  };
}

describe('applyPlan', () => {
  it('on a fresh host: folders, upload and its sha512 stamp, unpack and link, files, the hosts block, in that order, each step timed', async () => {
    const session = recordingSession();
    const applied = await applyPlan(session, planHost(cluster, node01, files, freshFacts(), LOCAL), () => {});
    expect(session.calls).toEqual([
      'exec create user and folders',
      'putFile /opt/kafka-dist/kafka_2.13-3.9.1.tgz',
      'exec stamp /opt/kafka-dist/kafka_2.13-3.9.1.tgz',
      'exec unpack /opt/kafka-dist/kafka_2.13-3.9.1.tgz',
      'exec switch /opt/kafka',
      'put /etc/zookeeper/zoo.cfg',
      'put /etc/kafka/server.properties',
      'put /etc/hosts',
    ]);
    expect(applied.uploaded).toEqual(['/opt/kafka-dist/kafka_2.13-3.9.1.tgz', '/etc/zookeeper/zoo.cfg', '/etc/kafka/server.properties', '/etc/hosts']);
    expect(Object.keys(applied.steps_ms)).toEqual(['setup', 'upload', 'unpack', 'files']);
    expect(Object.values(applied.steps_ms).every((ms) => Number.isInteger(ms) && ms >= 0)).toBe(true);
  });

  it('on a host with nothing to change: no call and no step', async () => {
    const session = recordingSession();
    const applied = await applyPlan(session, planHost(cluster, node01, files, provisionedFacts(), LOCAL), () => {});
    expect(session.calls).toEqual([]);
    expect(applied).toEqual({ host: 'node01', uploaded: [], commands: 0, steps_ms: {} });
  });
});

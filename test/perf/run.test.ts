import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { perfHost, perfTopicName } from '../../src/perf/run.js';
import { labCluster } from '../lab/fixture.js';

describe('perfHost', () => {
  const cluster = labCluster();

  it('defaults to the first broker host, takes another broker host by name', () => {
    expect(perfHost(cluster, null).name).toBe('node01');
    expect(perfHost(cluster, 'node03').name).toBe('node03');
  });

  it('refuses a host that runs no broker, as bad input', () => {
    expect(() => perfHost(cluster, 'node09')).toThrow(InputError);
    expect(() => perfHost(cluster, 'node09')).toThrow('--host node09: not a broker host of /srv/kcp/inventory.yaml (node01, node02, node03)');
    expect(() => perfHost({ ...cluster, brokers: [] }, null)).toThrow(/no host runs a broker/);
  });
});

describe('perfTopicName', () => {
  it('is kcp-perf-<timestamp>-<random>, unique per run', () => {
    expect(perfTopicName(1764000000000)).toMatch(/^kcp-perf-1764000000000-[0-9a-f]{6}$/);
    expect(perfTopicName()).not.toBe(perfTopicName());
  });
});

import { describe, expect, it } from 'vitest';
import { diskNeeds, preflightProblems } from '../../src/cluster/preflight.js';
import { cluster, freshFacts, provisionedFacts } from './fixtures.js';

const node01 = cluster.hosts[0]!;
const needs = diskNeeds(45e6, true);

describe('preflight', () => {
  it('passes a fresh host with Java 17, space and free ports', () => {
    expect(preflightProblems(cluster, node01, freshFacts(), needs)).toEqual([]);
  });
  it('accepts ports held by our own service processes', () => {
    expect(preflightProblems(cluster, node01, provisionedFacts(), diskNeeds(45e6, false))).toEqual([]);
  });
  it('names what was expected and what was seen', () => {
    const f = freshFacts();
    f.java = { major: 8, banner: 'java version "1.8.0_392"' };
    f.disk.set('/opt', 50 * 1024 * 1024);
    f.listeners.push({ port: 9092, pids: [777], process: 'nc' });
    expect(preflightProblems(cluster, node01, f, needs)).toEqual([
      'Java: expected 11 or newer, seen 8 (java version "1.8.0_392")',
      'disk: /opt needs 193 MiB free, has 50 MiB',
      'port 9092 (kafka): expected free, in use by nc pid 777',
    ]);
    f.java = { major: null, banner: 'java: command not found' };
    expect(preflightProblems(cluster, node01, f, needs)[0]).toBe('Java: expected Java 11 or newer on PATH, seen: java: command not found');
  });
});

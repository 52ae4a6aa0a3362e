import { describe, expect, it } from 'vitest';
import { diskNeeds, preflightProblems } from '../../src/cluster/preflight.js';
import { parseInventory } from '../../src/inventory/load.js';
import { cluster, freshFacts, provisionedFacts } from './fixtures.js';

const node01 = cluster.hosts[0]!;
const needs = diskNeeds(45e6);

describe('preflight', () => {
  it('passes a fresh host with Java 17, space and free ports', () => {
    expect(preflightProblems(cluster, node01, freshFacts(), needs)).toEqual([]);
  });
  it('accepts ports held by our own service processes', () => {
    expect(preflightProblems(cluster, node01, provisionedFacts(), diskNeeds(0))).toEqual([]);
  });
  it('names what was expected and what was seen', () => {
    const f = freshFacts();
    f.java = { major: 8, banner: 'java version "1.8.0_392"' };
    f.disk.set('/opt', 50 * 1024 * 1024);
    f.listeners.push({ port: 9092, pids: [777], process: 'nc' });
    expect(preflightProblems(cluster, node01, f, needs)).toEqual([
      'Java: expected 11 or newer (Kafka 3.9.1 needs Java 11), seen 8 (java version "1.8.0_392")',
      'disk: /opt needs 193 MiB free, has 50 MiB',
      'port 9092 (kafka): expected free, in use by nc pid 777',
    ]);
    f.java = { major: null, banner: 'java: command not found' };
    expect(preflightProblems(cluster, node01, f, needs)[0]).toBe('Java: expected Java 11 or newer on PATH (Kafka 3.9.1 needs Java 11), seen: java: command not found');
  });
  it('Kafka 4 wants Java 17, and a KRaft controller its CONTROLLER port, and the metrics agent its port', () => {
    const kraft = parseInventory('/tmp/unit/k.yaml', `cluster: { name: k, kafka: { version: "4.4.0" } }
hosts:
  - { name: node01, address: 192.168.58.11, controller_id: 1, broker_id: 1 }
`).cluster;
    const f = freshFacts();
    f.java = { major: 11, banner: 'openjdk version "11.0.2"' };
    f.listeners.push({ port: 9093, pids: [778], process: 'nc' }, { port: 7071, pids: [779], process: 'python3' });
    expect(preflightProblems(kraft, kraft.hosts[0]!, f, needs)).toEqual([
      'Java: expected 17 or newer (Kafka 4.4.0 needs Java 17), seen 11 (openjdk version "11.0.2")',
      'port 9093 (kafka): expected free, in use by nc pid 778',
      'port 7071 (kafka): expected free, in use by python3 pid 779',
    ]);
  });
});

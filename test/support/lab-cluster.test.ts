import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { LAB_TEST_JVM_OPTIONS, labInventoryText } from './lab-cluster.js';

describe('the lab cluster inventory of e2e tests and benches', () => {
  it('is a valid three-host inventory on its own /24 with the fixed name and the heaps asked for', () => {
    const text = labInventoryText({ name: 'bench-popularity', clusterName: 'bench-popularity', net: '192.168.215', kafkaHeap: '512m' });
    const { cluster, warnings } = parseInventory('/tmp/x/inventory.yaml', text);
    // security: none unless asked, written out: the one warning is what that leaves open
    expect(warnings).toEqual([expect.stringMatching(/^warning: \/tmp\/x\/inventory\.yaml:3: cluster\.security: security: none: /)]);
    expect(cluster.security).toBe('none');
    expect(cluster.name).toBe('bench-popularity');
    expect(cluster.kafka.heap).toBe('512m');
    expect(cluster.hosts.map((h) => [h.name, h.address, h.zookeeperId, h.brokerId])).toEqual([
      ['node01', '192.168.215.11', 1, 0],
      ['node02', '192.168.215.12', 2, 1],
      ['node03', '192.168.215.13', 3, 2],
    ]);
    expect(cluster.bootstrapServers).toBe('192.168.215.11:9092,192.168.215.12:9092,192.168.215.13:9092');
  });

  it('runs every JVM with the lab test flags unless told otherwise (benches: the tool\'s own)', () => {
    const spark = parseInventory('/tmp/x/inventory.yaml', labInventoryText({ name: 'j', clusterName: 'j', net: '192.168.59', spark: true })).cluster;
    const kraft = parseInventory('/tmp/x/inventory.yaml', labInventoryText({ name: 'j', clusterName: 'j', net: '192.168.59', topology: 'separate' })).cluster;
    for (const options of [spark.kafka, spark.zookeeper, spark.spark, kraft.controller].map((s) => s.jvmOptions)) expect(options).toEqual(LAB_TEST_JVM_OPTIONS);
    expect(parseInventory('/tmp/x/i.yaml', labInventoryText({ name: 'j', clusterName: 'j', net: '192.168.59', jvmOptions: [] })).cluster.kafka.jvmOptions).toEqual([]);
  });

  it('secure: no security line, the inventory\'s default', () => {
    const text = labInventoryText({ name: 's', clusterName: 's', net: '192.168.69', security: 'secure' });
    expect(text).not.toContain('security');
    expect(parseInventory('/tmp/x/inventory.yaml', text)).toMatchObject({ cluster: { security: 'secure' }, warnings: [] });
  });

  it('takes other host names in the same order', () => {
    const text = labInventoryText({ name: 'v', clusterName: 'v', net: '192.168.59', hostNames: ['vnode1', 'vnode2', 'vnode3'] });
    expect(parseInventory('/tmp/x/inventory.yaml', text).cluster.hosts.map((h) => [h.name, h.address, h.brokerId])).toEqual([
      ['vnode1', '192.168.59.11', 0],
      ['vnode2', '192.168.59.12', 1],
      ['vnode3', '192.168.59.13', 2],
    ]);
  });

  it('KRaft: three combined nodes, or dedicated controllers beside brokers', () => {
    const combined = parseInventory('/tmp/x/i.yaml', labInventoryText({ name: 'k', clusterName: 'k', net: '192.168.64', topology: 'combined' })).cluster;
    expect(combined).toMatchObject({ mode: 'kraft', kafka: { version: '4.4.0' } });
    expect(combined.processes.map((p) => [p.name, p.roles.join('+'), p.id])).toEqual([
      ['node01/kafka', 'controller+broker', 1], ['node02/kafka', 'controller+broker', 2], ['node03/kafka', 'controller+broker', 3],
    ]);
    const separate = parseInventory('/tmp/x/i.yaml', labInventoryText({ name: 's', clusterName: 's', net: '192.168.65', topology: 'separate', version: '4.3.2' })).cluster;
    expect(separate.kafka.version).toBe('4.3.2');
    expect(separate.processes.map((p) => `${p.name}:${p.id}`)).toEqual(['node01/controller:1', 'node01/kafka:11', 'node02/controller:2', 'node02/kafka:12', 'node03/controller:3', 'node03/kafka:13']);
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { LAB_BRIDGE, LAB_NAMESPACE, LAB_VETH, clusterHash, labIds, labNames, labSubnet, parseIPv4, slug } from '../../src/lab/naming.js';
import { labCluster } from './fixture.js';

describe('lab naming', () => {
  it('derives bridge, namespaces and veths from the cluster name', () => {
    const names = labNames(labCluster());
    const hash = clusterHash('popularity-demo');
    expect(hash).toMatch(/^[0-9a-f]{6}$/);
    expect(names.bridge).toBe(`kcp${hash}`);
    expect(names.namespacePrefix).toBe(`kcp-popularity-demo-${hash}-`);
    expect(names.gateway).toBe('192.168.56.1');
    expect(names.subnet).toBe('192.168.56.0/24');
    expect(names.hosts.map((h) => [h.namespace, h.vethHost, h.vethInside])).toEqual([
      [`kcp-popularity-demo-${hash}-node01`, `kv${hash}-0`, 'eth0'],
      [`kcp-popularity-demo-${hash}-node02`, `kv${hash}-1`, 'eth0'],
      [`kcp-popularity-demo-${hash}-node03`, `kv${hash}-2`, 'eth0'],
    ]);
  });

  it('keeps interface names within 15 characters, even for 100 hosts', () => {
    const hosts = Array.from({ length: 100 }, (_, i) => ({ name: `n${i}`, address: `10.0.0.${i + 2}` }));
    const names = labNames(labCluster({ name: 'a-very-long-cluster-name-for-testing', hosts }));
    for (const link of [names.bridge, ...names.hosts.map((h) => h.vethHost)]) expect(link.length).toBeLessThanOrEqual(15);
  });

  it('gives two clusters different names, and one cluster the same names every time', () => {
    expect(labIds('a').bridge).not.toBe(labIds('b').bridge);
    expect(labIds('a')).toEqual(labIds('a'));
    expect(labIds('Kafka_Prod.1').namespacePrefix).toMatch(/^kcp-kafka-prod-1-[0-9a-f]{6}-$/);
  });

  it('matches its own names with the patterns `lab clean` uses, and nothing else', () => {
    const names = labNames(labCluster({ name: 'Kafka_Prod.1' }));
    expect(names.hosts.every((h) => LAB_NAMESPACE.test(h.namespace) && LAB_VETH.test(h.vethHost))).toBe(true);
    expect(LAB_BRIDGE.test(names.bridge)).toBe(true);
    for (const other of ['kcp', 'kcp-demo', 'kcpabcdefg', 'kv12345-0', 'eth0', 'docker0', 'kcp-x-node01']) {
      expect(LAB_BRIDGE.test(other) || LAB_VETH.test(other) || LAB_NAMESPACE.test(other)).toBe(false);
    }
  });

  it('requires one /24 without the reserved addresses', () => {
    expect(labSubnet([{ name: 'a', address: '10.1.2.3' }])).toEqual({ subnet: '10.1.2.0/24', gateway: '10.1.2.1' });
    expect(() => labSubnet([{ name: 'a', address: '10.1.2.3' }, { name: 'b', address: '10.1.3.3' }])).toThrow(/b: 10.1.3.3 is outside 10.1.2.0\/24/);
    expect(() => labSubnet([{ name: 'a', address: '10.1.2.1' }])).toThrow(/reserved in the lab/);
    expect(() => labSubnet([{ name: 'a', address: 'node.example' }])).toThrow(InputError);
    expect(() => labSubnet([])).toThrow(/no hosts/);
  });

  it('parses IPv4 addresses strictly', () => {
    expect(parseIPv4('192.168.56.11')).toEqual([192, 168, 56, 11]);
    expect(parseIPv4('192.168.56.256')).toBeNull();
    expect(parseIPv4('192.168.56')).toBeNull();
    expect(slug('--My Cluster!!--')).toBe('my-cluster');
    expect(slug('!!!')).toBe('lab');
  });
});

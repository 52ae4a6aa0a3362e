// Rendering properties over many inventory shapes: five hosts, brokers without ZooKeeper,
// non-default ports, sparse ids, and seeded random inventories nothing in the repo mentions.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseInventory } from '../../src/inventory/load.js';
import type { Cluster } from '../../src/inventory/model.js';
import { renderCluster } from '../../src/render/index.js';
import { layout, servicePaths, zookeeperFiles } from '../../src/render/layout.js';
import { parseProperties } from '../../src/render/properties.js';

interface HostSpec { name: string; address: string; zookeeper_id?: number; broker_id?: number; broker_config?: Record<string, string> }

function inventory(hosts: HostSpec[], ports = { client: 2181, peer: 2888, election: 3888, broker: 9092 }): Cluster {
  const doc = {
    cluster: {
      name: 'shape',
      security: 'none',
      zookeeper: { client_port: ports.client, peer_port: ports.peer, election_port: ports.election },
      broker: { port: ports.broker },
    },
    hosts,
  };
  return parseInventory('shape.yaml', stringify(doc)).cluster;
}

/** Checks every invariant that must hold for any valid inventory. */
function checkInvariants(cluster: Cluster): void {
  const rendered = renderCluster(cluster);
  expect(rendered.map((r) => r.host)).toEqual(cluster.hosts.map((h) => h.name));
  const ensemble = cluster.hosts.filter((h) => h.zookeeperId !== null);
  for (const host of cluster.hosts) {
    const files = new Map(rendered.find((r) => r.host === host.name)!.files.map((f) => [f.path, f]));
    // /etc/hosts block: every cluster name, on every host
    const block = files.get(layout.etcHosts)!.content;
    for (const h of cluster.hosts) expect(block).toContain(`${h.address} ${h.name}\n`);

    if (host.zookeeperId === null) {
      expect(files.has(servicePaths('zookeeper').config)).toBe(false);
      expect(files.has(zookeeperFiles.myid)).toBe(false);
    } else {
      expect(files.get(zookeeperFiles.myid)!.content).toBe(`${host.zookeeperId}\n`);
      const zoo = parseProperties(files.get(servicePaths('zookeeper').config)!.content);
      const servers = [...zoo].filter(([k]) => k.startsWith('server.'));
      expect(servers).toEqual(
        [...ensemble].sort((a, b) => a.zookeeperId! - b.zookeeperId!).map((h) => [
          `server.${h.zookeeperId}`,
          `${h.name}:${cluster.zookeeper.peerPort}:${cluster.zookeeper.electionPort}`,
        ]),
      );
      expect(zoo.get('clientPort')).toBe(String(cluster.zookeeper.clientPort));
      expect(zoo.get('dataDir')).toBe(servicePaths('zookeeper').dataDir);
    }

    if (host.brokerId === null) {
      expect(files.has(servicePaths('kafka').config)).toBe(false);
    } else {
      const props = parseProperties(files.get(servicePaths('kafka').config)!.content);
      expect(props.get('broker.id')).toBe(String(host.brokerId));
      expect(props.get('listeners')).toBe(`PLAINTEXT://${host.address}:${cluster.broker.port}`);
      expect(props.get('advertised.listeners')).toBe(`PLAINTEXT://${host.address}:${cluster.broker.port}`);
      expect(props.get('zookeeper.connect')).toBe(
        [...ensemble].sort((a, b) => a.zookeeperId! - b.zookeeperId!).map((h) => `${h.name}:${cluster.zookeeper.clientPort}`).join(','),
      );
      const rf = Number(props.get('default.replication.factor'));
      expect(rf).toBeLessThanOrEqual(cluster.brokers.length);
      expect(Number(props.get('min.insync.replicas'))).toBeLessThanOrEqual(rf);
      for (const [key, value] of Object.entries(host.brokerConfig)) expect(props.get(key)).toBe(value);
    }
  }
  expect(renderCluster(cluster)).toEqual(rendered);
}

describe('rendering shapes', () => {
  it('five hosts with a five-node ensemble', () => {
    const hosts = [1, 2, 3, 4, 5].map((i) => ({ name: `kafka${i}`, address: `10.20.0.${i}`, zookeeper_id: i, broker_id: i - 1 }));
    const cluster = inventory(hosts);
    checkInvariants(cluster);
    expect(cluster.zookeeperConnect.split(',')).toHaveLength(5);
  });

  it('brokers without ZooKeeper, and ZooKeeper-only hosts', () => {
    const cluster = inventory([
      { name: 'zk1', address: '10.0.0.1', zookeeper_id: 1 },
      { name: 'zk2', address: '10.0.0.2', zookeeper_id: 2 },
      { name: 'zk3', address: '10.0.0.3', zookeeper_id: 3 },
      { name: 'b1', address: '10.0.1.1', broker_id: 0 },
      { name: 'b2', address: '10.0.1.2', broker_id: 1 },
    ]);
    checkInvariants(cluster);
    const b1 = renderCluster(cluster).find((r) => r.host === 'b1')!;
    expect(b1.files.map((f) => f.service)).not.toContain('zookeeper');
  });

  it('non-default ports', () => {
    checkInvariants(
      inventory(
        [1, 2, 3].map((i) => ({ name: `n${i}`, address: `172.16.5.${i}`, zookeeper_id: i, broker_id: i })),
        { client: 12181, peer: 12888, election: 13888, broker: 19092 },
      ),
    );
  });

  it('sparse ids, a single broker scales replication defaults down', () => {
    const cluster = inventory([{ name: 'solo', address: '10.1.1.1', zookeeper_id: 200, broker_id: 977 }]);
    checkInvariants(cluster);
    const props = parseProperties(renderCluster(cluster)[0]!.files.find((f) => f.path === servicePaths('kafka').config)!.content);
    expect(props.get('default.replication.factor')).toBe('1');
    expect(props.get('offsets.topic.replication.factor')).toBe('1');
  });

  it('per-broker config wins over cluster config, for that broker only', () => {
    const doc = {
      cluster: { name: 'layers', security: 'none', broker: { config: { 'num.io.threads': 4, 'log.retention.hours': 24 } } },
      hosts: [
        { name: 'a', address: '10.2.0.1', zookeeper_id: 1, broker_id: 0, broker_config: { 'num.io.threads': 16 } },
        { name: 'b', address: '10.2.0.2', zookeeper_id: 2, broker_id: 1 },
        { name: 'c', address: '10.2.0.3', zookeeper_id: 3, broker_id: 2 },
      ],
    };
    const rendered = renderCluster(parseInventory('layers.yaml', stringify(doc)).cluster);
    const props = (host: string) =>
      parseProperties(rendered.find((r) => r.host === host)!.files.find((f) => f.path === servicePaths('kafka').config)!.content);
    expect(props('a').get('num.io.threads')).toBe('16');
    expect(props('b').get('num.io.threads')).toBe('4');
    expect(props('a').get('log.retention.hours')).toBe('24');
  });

  it('seeded random inventories', () => {
    let seed = 20261125;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const count = 1 + rand(7);
      const zkIds = [...new Set(Array.from({ length: count }, () => 1 + rand(255)))];
      const brokerIds = [...new Set(Array.from({ length: count }, () => rand(1001)))];
      const hosts: HostSpec[] = Array.from({ length: count }, (_, i) => ({ name: `h${round}-${i}`, address: `10.${round % 250}.${i}.${1 + rand(250)}` }));
      hosts.forEach((h, i) => {
        if (i === 0 || rand(3) > 0) h.zookeeper_id = zkIds[i % zkIds.length]!;
        if (i === count - 1 || rand(3) > 0) h.broker_id = brokerIds[i % brokerIds.length]!;
      });
      // ids must stay unique after the modulo above
      const dedupe = (key: 'zookeeper_id' | 'broker_id') => {
        const seen = new Set<number>();
        for (const h of hosts) {
          const id = h[key];
          if (id === undefined) continue;
          if (seen.has(id)) delete h[key];
          else seen.add(id);
        }
      };
      dedupe('zookeeper_id');
      dedupe('broker_id');
      if (!hosts.some((h) => h.zookeeper_id !== undefined)) hosts[0]!.zookeeper_id = 1;
      if (!hosts.some((h) => h.broker_id !== undefined)) hosts[0]!.broker_id = 0;
      checkInvariants(inventory(hosts));
    }
  });
});

// A Cluster built by hand for the lab's unit tests (only the fields the lab reads matter).
import type { Cluster, Host } from '../../src/inventory/model.js';

export function labCluster(overrides: { name?: string; baseDir?: string; port?: number; hosts?: Array<Pick<Host, 'name' | 'address'>> } = {}): Cluster {
  const baseDir = overrides.baseDir ?? '/srv/kcp';
  const hosts: Host[] = (overrides.hosts ?? [
    { name: 'node01', address: '192.168.56.11' },
    { name: 'node02', address: '192.168.56.12' },
    { name: 'node03', address: '192.168.56.13' },
  ]).map((h, i) => ({ ...h, zookeeperId: i + 1, brokerId: i, brokerConfig: {} }));
  return {
    name: overrides.name ?? 'popularity-demo',
    inventoryFile: `${baseDir}/inventory.yaml`,
    baseDir,
    kafka: { version: '3.9.1', scala: '2.13', source: 'maven', url: null, sha512: null, file: null, heap: '512m' },
    zookeeper: { clientPort: 2181, peerPort: 2888, electionPort: 3888, heap: '256m', config: {} },
    broker: { port: 9092, config: {} },
    ssh: { user: 'root', port: overrides.port ?? 22, identityFile: `${baseDir}/.lab/ssh/id_ed25519`, knownHosts: `${baseDir}/.lab/ssh/known_hosts` },
    hosts,
    ensemble: hosts.map((h) => ({ id: h.zookeeperId!, host: h.name, address: h.address })),
    brokers: hosts,
    zookeeperConnect: hosts.map((h) => `${h.name}:2181`).join(','),
    bootstrapServers: hosts.map((h) => `${h.address}:9092`).join(','),
  };
}

// From a validated inventory document to the Cluster model: resolve paths, normalise config
// values to the strings that will be written, and derive the ensemble and connect strings.
import { isIPv6 } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { Cluster, Host } from './model.js';
import type { InventoryDoc } from './schema.js';

type ConfigInput = Record<string, string | number | boolean>;

export function configStrings(config: ConfigInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) out[key] = String(value);
  return out;
}

export function hostPort(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

export function deriveCluster(doc: InventoryDoc, inventoryFile: string): Cluster {
  const baseDir = dirname(resolve(inventoryFile));
  const { cluster: c } = doc;
  const hosts: Host[] = doc.hosts.map((h) => ({
    name: h.name,
    address: h.address,
    zookeeperId: h.zookeeper_id ?? null,
    brokerId: h.broker_id ?? null,
    brokerConfig: configStrings(h.broker_config),
  }));
  const ensemble = hosts
    .filter((h) => h.zookeeperId !== null)
    .map((h) => ({ id: h.zookeeperId!, host: h.name, address: h.address }))
    .sort((a, b) => a.id - b.id);
  const brokers = hosts.filter((h) => h.brokerId !== null).sort((a, b) => a.brokerId! - b.brokerId!);
  return {
    name: c.name,
    inventoryFile: resolve(inventoryFile),
    baseDir,
    kafka: {
      version: c.kafka.version,
      scala: c.kafka.scala,
      source: c.kafka.source,
      url: c.kafka.url ?? null,
      sha512: c.kafka.sha512?.toLowerCase() ?? null,
      file: c.kafka.file ? resolve(baseDir, c.kafka.file) : null,
      heap: c.kafka.heap,
    },
    zookeeper: {
      clientPort: c.zookeeper.client_port,
      peerPort: c.zookeeper.peer_port,
      electionPort: c.zookeeper.election_port,
      heap: c.zookeeper.heap,
      config: configStrings(c.zookeeper.config),
    },
    broker: { port: c.broker.port, config: configStrings(c.broker.config) },
    ssh: {
      user: c.ssh.user,
      port: c.ssh.port,
      identityFile: resolve(baseDir, c.ssh.identity_file),
      knownHosts: resolve(baseDir, c.ssh.known_hosts),
    },
    hosts,
    ensemble,
    brokers,
    zookeeperConnect: ensemble.map((m) => `${m.host}:${c.zookeeper.client_port}`).join(','),
    bootstrapServers: brokers.map((b) => hostPort(b.address, c.broker.port)).join(','),
  };
}

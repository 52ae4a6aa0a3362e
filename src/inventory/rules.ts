// Checks that relate fields to each other, after the schema has accepted each field alone.
import { derivedKeyReason } from './derived-keys.js';
import type { FieldPath } from './locate.js';
import type { InventoryDoc } from './schema.js';

export interface Finding {
  path: FieldPath;
  /** with a map path: the offending key inside it (for the line number) */
  key?: string;
  message: string;
  severity: 'error' | 'warning';
}

const DEFAULT_RESERVED_BROKER_MAX_ID = 1000;

export function checkRules(inv: InventoryDoc): Finding[] {
  const findings: Finding[] = [];
  const error = (path: FieldPath, message: string, key?: string) =>
    findings.push({ path, message, severity: 'error', ...(key === undefined ? {} : { key }) });
  const { cluster, hosts } = inv;

  // Duplicates: each id and name identifies one host.
  const unique = (field: 'name' | 'address' | 'zookeeper_id' | 'broker_id', what: string) => {
    const seen = new Map<string, number>();
    hosts.forEach((host, i) => {
      const value = host[field];
      if (value === null || value === undefined) return;
      const first = seen.get(String(value));
      if (first === undefined) seen.set(String(value), i);
      else error(['hosts', i, field], `duplicate ${what} ${value} (already used by hosts[${first}], ${hosts[first]!.name})`);
    });
  };
  unique('name', 'host name');
  unique('address', 'address');
  unique('zookeeper_id', 'ZooKeeper id');
  unique('broker_id', 'broker id');

  const ensemble = hosts.filter((h) => h.zookeeper_id != null);
  const brokers = hosts.filter((h) => h.broker_id != null);
  if (ensemble.length === 0) error(['hosts'], 'no host runs ZooKeeper: give at least one host a zookeeper_id');
  else if (ensemble.length % 2 === 0) {
    findings.push({
      path: ['hosts'],
      severity: 'warning',
      message: `${ensemble.length} ZooKeeper servers: an even-sized ensemble tolerates no more failures than ${ensemble.length - 1} and needs a bigger majority`,
    });
  }
  if (brokers.length === 0) error(['hosts'], 'no host runs a broker: give at least one host a broker_id');

  const maxBrokerId = Number(cluster.broker.config['reserved.broker.max.id'] ?? DEFAULT_RESERVED_BROKER_MAX_ID);
  hosts.forEach((host, i) => {
    if (host.broker_id != null && host.broker_id > maxBrokerId) {
      error(['hosts', i, 'broker_id'], `must be at most ${maxBrokerId} (reserved.broker.max.id); larger ids are reserved for generated ones`);
    }
    if (host.broker_id == null && Object.keys(host.broker_config).length > 0) {
      error(['hosts', i, 'broker_config'], `${host.name} runs no broker (no broker_id), so broker_config has no effect`);
    }
  });

  // Ports: every service on one host needs its own port (the ssh port too: sshd holds it).
  const { zookeeper: zk, broker, ssh } = cluster;
  const reported = new Set<string>();
  for (const host of hosts) {
    const used: Array<[FieldPath, number]> = [[['cluster', 'ssh', 'port'], ssh.port]];
    if (host.zookeeper_id != null) {
      used.push([['cluster', 'zookeeper', 'client_port'], zk.client_port]);
      used.push([['cluster', 'zookeeper', 'peer_port'], zk.peer_port]);
      used.push([['cluster', 'zookeeper', 'election_port'], zk.election_port]);
    }
    if (host.broker_id != null) used.push([['cluster', 'broker', 'port'], broker.port]);
    used.forEach(([pathB, portB], j) => {
      const clash = used.slice(0, j).find(([, portA]) => portA === portB);
      const id = `${pathB.join('.')}=${clash?.[0].join('.')}`;
      if (!clash || reported.has(id)) return;
      reported.add(id);
      error(pathB, `port ${portB} clashes with ${clash[0].join('.')} on host ${host.name}`);
    });
  }

  // Distribution source needs what it names.
  const { kafka } = cluster;
  if (kafka.source === 'url' && !kafka.url) error(['cluster', 'kafka', 'url'], 'source is url but no url is given');
  if (kafka.source === 'url' && !kafka.sha512) {
    error(['cluster', 'kafka', 'sha512'], 'source is url: sha512 is required to verify the download');
  }
  if (kafka.source === 'file' && !kafka.file) error(['cluster', 'kafka', 'file'], 'source is file but no file is given');

  // Derived keys cannot be overridden.
  const derived = (kind: 'broker' | 'zookeeper', config: Record<string, unknown>, path: FieldPath) => {
    for (const key of Object.keys(config)) {
      const reason = derivedKeyReason(kind, key);
      if (reason) error(path, `${key} cannot be set here: ${reason}`, key);
    }
  };
  derived('zookeeper', zk.config, ['cluster', 'zookeeper', 'config']);
  derived('broker', broker.config, ['cluster', 'broker', 'config']);
  hosts.forEach((h, i) => derived('broker', h.broker_config, ['hosts', i, 'broker_config']));

  // Replication settings the broker count cannot satisfy would fail every create-topic later.
  const replicationKeys = ['default.replication.factor', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'min.insync.replicas', 'transaction.state.log.min.isr'];
  for (const key of replicationKeys) {
    const value = broker.config[key];
    if (value !== undefined && Number(value) > brokers.length) {
      error(['cluster', 'broker', 'config'], `${key}=${value} but the cluster has ${brokers.length} broker(s)`, key);
    }
  }
  return findings;
}

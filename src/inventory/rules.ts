// Checks that relate fields to each other, after the schema has accepted each field alone.
// The metadata quorum's own rules (a ZooKeeper ensemble, or KRaft controllers and node ids) are
// in rules-quorum.ts; what holds in both modes is here.
import { modeOf } from './derive.js';
import { derivedKeyReason, type ConfigKind } from './derived-keys.js';
import type { FieldPath } from './locate.js';
import type { Mode } from './model.js';
import { quorumRules, type RuleOptions } from './rules-quorum.js';
import type { InventoryDoc } from './schema.js';

export interface Finding {
  path: FieldPath;
  /** with a map path: the offending key inside it (for the line number) */
  key?: string;
  message: string;
  severity: 'error' | 'warning';
}

export type Report = (path: FieldPath, message: string, key?: string) => void;

export function checkRules(inv: InventoryDoc, opts: RuleOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const error: Report = (path, message, key) => findings.push({ path, message, severity: 'error', ...(key === undefined ? {} : { key }) });
  const warn: Report = (path, message) => findings.push({ path, message, severity: 'warning' });
  const { cluster, hosts } = inv;
  const mode = modeOf(cluster.kafka);

  // Duplicates: each name and address identifies one host.
  const unique = (field: 'name' | 'address', what: string) => {
    const seen = new Map<string, number>();
    hosts.forEach((host, i) => {
      const first = seen.get(String(host[field]));
      if (first === undefined) seen.set(String(host[field]), i);
      else error(['hosts', i, field], `duplicate ${what} ${host[field]} (already used by hosts[${first}], ${hosts[first]!.name})`);
    });
  };
  unique('name', 'host name');
  unique('address', 'address');

  quorumRules(inv, mode, error, warn, opts);
  const brokers = hosts.filter((h) => h.broker_id != null);
  if (brokers.length === 0) error(['hosts'], 'no host runs a broker: give at least one host a broker_id');
  hosts.forEach((host, i) => {
    if (host.broker_id == null && Object.keys(host.broker_config).length > 0) {
      error(['hosts', i, 'broker_config'], `${host.name} runs no broker (no broker_id), so broker_config has no effect`);
    }
  });

  sparkRules(inv, error, warn);
  securityRules(inv, warn);
  checkPorts(inv, mode, error);

  // Distribution source needs what it names.
  const { kafka } = cluster;
  if (kafka.source === 'url' && !kafka.url) error(['cluster', 'kafka', 'url'], 'source is url but no url is given');
  if (kafka.source === 'url' && !kafka.sha512) {
    error(['cluster', 'kafka', 'sha512'], 'source is url: sha512 is required to verify the download');
  }
  if (kafka.source === 'file' && !kafka.file) error(['cluster', 'kafka', 'file'], 'source is file but no file is given');

  checkDerivedKeys(inv, mode, error);

  // Replication settings the broker count cannot satisfy would fail every create-topic later.
  const replicationKeys = ['default.replication.factor', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'min.insync.replicas', 'transaction.state.log.min.isr'];
  for (const key of replicationKeys) {
    const value = cluster.broker.config[key];
    if (value !== undefined && Number(value) > brokers.length) {
      error(['cluster', 'broker', 'config'], `${key}=${value} but the cluster has ${brokers.length} broker(s)`, key);
    }
  }
  return findings;
}

/** A Spark standalone cluster: one master, and workers that register with it. */
function sparkRules(inv: InventoryDoc, error: Report, warn: Report): void {
  const masters = inv.hosts.flatMap((h, i) => (h.spark_master ? [i] : []));
  for (const i of masters.slice(1)) {
    error(['hosts', i, 'spark_master'], `a second Spark master (already hosts[${masters[0]}], ${inv.hosts[masters[0]!]!.name}): a standalone cluster has one master`);
  }
  const workers = inv.hosts.flatMap((h, i) => (h.spark_worker ? [i] : []));
  if (workers.length > 0 && masters.length === 0) error(['hosts', workers[0]!, 'spark_worker'], 'a Spark worker needs a master: give one host spark_master: true');
  if (masters.length > 0 && workers.length === 0) warn(['hosts', masters[0]!, 'spark_master'], 'a Spark master without workers runs no job: give hosts spark_worker: true');
}

/** A cluster is secured unless the inventory says security: none, and then every command says what that leaves open. */
function securityRules(inv: InventoryDoc, warn: Report): void {
  if (inv.cluster.security !== 'none') return;
  warn(['cluster', 'security'], 'security: none: every listener is PLAINTEXT, and anyone who reaches a port can read, write and delete every topic and change the cluster\'s metadata; remove this line for TLS, SCRAM clients and ACLs (a new cluster)');
}

/** Every process on one host needs its own port (the ssh port too: sshd holds it). */
function checkPorts(inv: InventoryDoc, mode: Mode, error: Report): void {
  const { zookeeper: zk, broker, controller, spark, ssh } = inv.cluster;
  const reported = new Set<string>();
  for (const host of inv.hosts) {
    const used: Array<[FieldPath, number]> = [[['cluster', 'ssh', 'port'], ssh.port]];
    if (mode === 'zookeeper' && host.zookeeper_id != null) {
      used.push([['cluster', 'zookeeper', 'client_port'], zk.client_port]);
      used.push([['cluster', 'zookeeper', 'peer_port'], zk.peer_port]);
      used.push([['cluster', 'zookeeper', 'election_port'], zk.election_port]);
    }
    // (a ZooKeeper-mode inventory has a controller_id only as the target of a migration)
    if (host.controller_id != null) used.push([['cluster', 'controller', 'port'], controller.port]);
    if (host.broker_id != null) used.push([['cluster', 'broker', 'port'], broker.port]);
    if (host.broker_id != null && inv.cluster.security === 'secure') used.push([['cluster', 'broker', 'replication_port'], broker.replication_port]);
    // metrics: the broker's exporter serves a combined process; a dedicated controller has its own
    if (host.broker_id != null && broker.metrics_port !== null) used.push([['cluster', 'broker', 'metrics_port'], broker.metrics_port]);
    const dedicatedController = host.controller_id != null && host.controller_id !== host.broker_id;
    if (dedicatedController && controller.metrics_port !== null) used.push([['cluster', 'controller', 'metrics_port'], controller.metrics_port]);
    if (host.spark_master) used.push([['cluster', 'spark', 'master_port'], spark.master_port], [['cluster', 'spark', 'webui_port'], spark.webui_port]);
    if (host.spark_worker) used.push([['cluster', 'spark', 'worker_port'], spark.worker_port], [['cluster', 'spark', 'worker_webui_port'], spark.worker_webui_port]);
    used.forEach(([pathB, portB], j) => {
      const clash = used.slice(0, j).find(([, portA]) => portA === portB);
      const id = `${pathB.join('.')}=${clash?.[0].join('.')}`;
      if (!clash || reported.has(id)) return;
      reported.add(id);
      error(pathB, `port ${portB} clashes with ${clash[0].join('.')} on host ${host.name}`);
    });
  }
}

/** Keys the tool derives cannot be overridden, in any config map. */
function checkDerivedKeys(inv: InventoryDoc, mode: Mode, error: Report): void {
  const derived = (kind: ConfigKind, config: Record<string, unknown>, path: FieldPath) => {
    for (const key of Object.keys(config)) {
      const reason = derivedKeyReason(kind, key, mode, inv.cluster.security);
      if (reason) error(path, `${key} cannot be set here: ${reason}`, key);
    }
  };
  const { cluster, hosts } = inv;
  derived('zookeeper', cluster.zookeeper.config, ['cluster', 'zookeeper', 'config']);
  derived('kafka', cluster.broker.config, ['cluster', 'broker', 'config']);
  derived('kafka', cluster.controller.config, ['cluster', 'controller', 'config']);
  hosts.forEach((h, i) => derived('kafka', h.broker_config, ['hosts', i, 'broker_config']));
}

// From a validated inventory document to the Cluster model: resolve paths, normalise config
// values to the strings that will be written, and derive the ensemble and connect strings.
import { isIPv6 } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { Cluster, Host, Mode, Process } from './model.js';
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

/** The mode the inventory asks for; unset, Kafka 4 (which has no ZooKeeper) means KRaft. */
export function modeOf(kafka: { version: string; mode?: Mode | null }): Mode {
  return kafka.mode ?? (kafka.version.startsWith('3.') ? 'zookeeper' : 'kraft');
}

/**
 * A host's processes: its ZooKeeper server, dedicated controller, broker (combined when ids
 * match), Spark master and Spark worker (`workerNumber`: its place among the workers, from 1).
 */
export function processesOf(host: Host, workerNumber = 1): Process[] {
  const out: Process[] = [];
  const add = (service: Process['service'], roles: Process['roles'], id: number) => out.push({ name: `${host.name}/${service}`, host, service, roles, id });
  if (host.zookeeperId !== null) add('zookeeper', ['zookeeper'], host.zookeeperId);
  if (host.controllerId !== null && host.controllerId !== host.brokerId) add('controller', ['controller'], host.controllerId);
  if (host.brokerId !== null) add('kafka', host.controllerId === host.brokerId ? ['controller', 'broker'] : ['broker'], host.brokerId);
  if (host.sparkMaster) add('spark-master', ['spark-master'], 0);
  if (host.sparkWorker) add('spark-worker', ['spark-worker'], workerNumber);
  return out;
}

export function deriveCluster(doc: InventoryDoc, inventoryFile: string): Cluster {
  const baseDir = dirname(resolve(inventoryFile));
  const { cluster: c } = doc;
  const hosts: Host[] = doc.hosts.map((h) => ({
    name: h.name,
    address: h.address,
    zookeeperId: h.zookeeper_id ?? null,
    brokerId: h.broker_id ?? null,
    controllerId: h.controller_id ?? null,
    brokerConfig: configStrings(h.broker_config),
    sparkMaster: h.spark_master,
    sparkWorker: h.spark_worker,
  }));
  const ensemble = hosts
    .filter((h) => h.zookeeperId !== null)
    .map((h) => ({ id: h.zookeeperId!, host: h.name, address: h.address }))
    .sort((a, b) => a.id - b.id);
  const brokers = hosts.filter((h) => h.brokerId !== null).sort((a, b) => a.brokerId! - b.brokerId!);
  const mode = modeOf(c.kafka);
  const workers = hosts.filter((h) => h.sparkWorker);
  const processes = hosts.flatMap((h) => processesOf(h, workers.indexOf(h) + 1));
  const sparkMaster = hosts.find((h) => h.sparkMaster);
  const quorumRole = mode === 'zookeeper' ? 'zookeeper' : 'controller';
  const quorum = processes.filter((p) => p.roles.includes(quorumRole)).sort((a, b) => a.id - b.id);
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
      jvmOptions: c.kafka.jvm_options,
    },
    mode,
    security: c.security,
    migration: null,
    zookeeper: {
      clientPort: c.zookeeper.client_port,
      peerPort: c.zookeeper.peer_port,
      electionPort: c.zookeeper.election_port,
      heap: c.zookeeper.heap,
      jvmOptions: c.zookeeper.jvm_options,
      config: configStrings(c.zookeeper.config),
    },
    broker: { port: c.broker.port, replicationPort: c.broker.replication_port, metricsPort: c.broker.metrics_port, config: configStrings(c.broker.config) },
    controller: { port: c.controller.port, metricsPort: c.controller.metrics_port, heap: c.controller.heap, jvmOptions: c.controller.jvm_options, config: configStrings(c.controller.config), staticQuorum: c.controller.static_quorum },
    spark: {
      version: c.spark.version,
      scala: c.spark.scala,
      masterPort: c.spark.master_port,
      webuiPort: c.spark.webui_port,
      workerPort: c.spark.worker_port,
      workerWebuiPort: c.spark.worker_webui_port,
      workerCores: c.spark.worker_cores,
      workerMemory: c.spark.worker_memory,
      heap: c.spark.heap,
      jvmOptions: c.spark.jvm_options,
      // Spark is given a folder by its normalised path, a URL as written
      checkpointDir: c.spark.checkpoint_dir.store.kind === 'folder' ? c.spark.checkpoint_dir.store.path : c.spark.checkpoint_dir.text,
      checkpointStore: c.spark.checkpoint_dir.store,
    },
    ssh: {
      user: c.ssh.user,
      port: c.ssh.port,
      identityFile: resolve(baseDir, c.ssh.identity_file),
      knownHosts: resolve(baseDir, c.ssh.known_hosts),
    },
    hosts,
    processes,
    quorum,
    ensemble,
    brokers,
    zookeeperConnect: ensemble.map((m) => `${m.host}:${c.zookeeper.client_port}`).join(','),
    bootstrapServers: brokers.map((b) => hostPort(b.address, c.broker.port)).join(','),
    controllerBootstrap: mode === 'kraft' ? quorum.map((p) => `${p.host.name}:${c.controller.port}`).join(',') : '',
    sparkMasterUrl: sparkMaster ? `spark://${sparkMaster.name}:${c.spark.master_port}` : null,
  };
}

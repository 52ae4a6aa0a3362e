// The validated, derived cluster model. Everything downstream (render, remote, cluster, lab)
// reads this object and nothing else: the YAML is parsed and checked once, in load.ts.
import type { CheckpointStore } from '../spark/checkpoint-store.js';

export type KafkaSource = 'maven' | 'url' | 'file';

/** Where the cluster keeps its metadata: a ZooKeeper ensemble, or a KRaft controller quorum. */
export type Mode = 'zookeeper' | 'kraft';

export type Security = 'none' | 'secure';

/**
 * How far a ZooKeeper-to-KRaft migration (KIP-866) has carried a cluster that is still partly in
 * ZooKeeper mode: "controllers": KRaft controllers run beside ZooKeeper in migration mode, the
 * brokers are untouched; "dual-write": the brokers run in migration mode and the controllers
 * write every metadata change to ZooKeeper too; "kraft-brokers": the brokers run in KRaft, the
 * controllers still write to ZooKeeper (the last stage a rollback can leave). Null: no migration.
 */
export type MigrationStage = 'controllers' | 'dual-write' | 'kraft-brokers';

export interface KafkaSettings {
  version: string;
  scala: string;
  source: KafkaSource;
  /** source=url: tarball URL */
  url: string | null;
  /** source=url (required) or file (optional): expected sha512, lowercase hex */
  sha512: string | null;
  /** source=file: absolute path of kafka_<scala>-<version>.tgz */
  file: string | null;
  /** heap of brokers and combined processes */
  heap: string;
  /** extra JVM flags, after the tool's own (a collector named here replaces G1) */
  jvmOptions: string[];
}

export interface ZooKeeperSettings {
  clientPort: number;
  peerPort: number;
  electionPort: number;
  heap: string;
  /** extra JVM flags, after the tool's own (a collector named here replaces G1) */
  jvmOptions: string[];
  /** extra / overriding zoo.cfg keys, values as they will be written */
  config: Record<string, string>;
}

export interface BrokerSettings {
  /** the listener clients use (security secure: SASL_SSL with SCRAM-SHA-512) */
  port: number;
  /** security secure: the brokers' own listener, TLS with client certificates */
  replicationPort: number;
  /** the Prometheus JMX exporter of every process with the broker role (combined too); null: none */
  metricsPort: number | null;
  /** extra / overriding server.properties keys for every broker */
  config: Record<string, string>;
}

export interface ControllerSettings {
  /** the CONTROLLER listener of every KRaft controller (dedicated or combined) */
  port: number;
  /** the Prometheus JMX exporter of dedicated controller processes; null: none */
  metricsPort: number | null;
  /** heap of dedicated controller processes (a combined process uses kafka.heap) */
  heap: string;
  /** extra JVM flags of dedicated controllers (a combined process uses kafka.jvmOptions) */
  jvmOptions: string[];
  /** extra / overriding server.properties keys for dedicated controllers */
  config: Record<string, string>;
  /**
   * The quorum is fixed by controller.quorum.voters (kraft.version 0), as a migration from
   * ZooKeeper makes it; false: a dynamic quorum (KIP-853, controller.quorum.bootstrap.servers).
   */
  staticQuorum: boolean;
}

/** The Spark standalone cluster that runs the seed's job (hosts with spark_master / spark_worker). */
export interface SparkSettings {
  version: string;
  /** Scala binary version of the Spark build (Spark 4 has only 2.13) */
  scala: string;
  masterPort: number;
  /** the master's web console (the seed's "Spark Web Console") */
  webuiPort: number;
  /** the worker's own RPC port (fixed, so firewalls can name it) */
  workerPort: number;
  workerWebuiPort: number;
  /** cores and memory each worker offers to executors */
  workerCores: number;
  workerMemory: string;
  /** heap of the master and worker daemons themselves */
  heap: string;
  /** extra JVM flags of the master and worker daemons (not of drivers or executors) */
  jvmOptions: string[];
  /** where streaming jobs keep their checkpoints, as Spark is given it: the same for the driver and every executor */
  checkpointDir: string;
  /** the same, read: a folder every Spark host mounts, or HDFS */
  checkpointStore: CheckpointStore;
}

export interface SshSettings {
  user: string;
  port: number;
  /** absolute path */
  identityFile: string;
  /** absolute path */
  knownHosts: string;
}

export interface Host {
  name: string;
  address: string;
  /** present => runs ZooKeeper with this myid (1..255) */
  zookeeperId: number | null;
  /** present => runs a Kafka broker with this broker.id (KRaft: node.id) */
  brokerId: number | null;
  /** present => runs a KRaft controller with this node.id; equal to brokerId => one combined process */
  controllerId: number | null;
  /** this broker's overrides, win over BrokerSettings.config */
  brokerConfig: Record<string, string>;
  /** runs the Spark standalone master */
  sparkMaster: boolean;
  /** runs a Spark worker */
  sparkWorker: boolean;
}

/** What a process does in the cluster. */
export type Role = 'zookeeper' | 'controller' | 'broker' | 'spark-master' | 'spark-worker';

/**
 * The launch script, pidfile, config and data folders a process owns on its host: "kafka" for a
 * process with the broker role (combined ones too), "controller" for a dedicated controller.
 */
export type Service = 'zookeeper' | 'kafka' | 'controller' | 'spark-master' | 'spark-worker';

/** One JVM of the cluster: the unit that facts, plans, gates and start/stop order work on. */
export interface Process {
  /** "<host>/<service>", as reports name it */
  name: string;
  host: Host;
  service: Service;
  /** ['zookeeper'] | ['broker'] | ['controller'] | ['controller', 'broker'] (combined) | ['spark-master'] | ['spark-worker'] */
  roles: Role[];
  /** ZooKeeper myid, broker.id or KRaft node.id; Spark: 0 for the master, workers 1.. in host order */
  id: number;
}

export interface EnsembleMember {
  id: number;
  host: string;
  address: string;
}

export interface Cluster {
  name: string;
  /** absolute path of the inventory file */
  inventoryFile: string;
  /** folder that relative paths resolve against */
  baseDir: string;
  kafka: KafkaSettings;
  /** from cluster.kafka.mode; Kafka 4 defaults to kraft, 3.x to zookeeper */
  mode: Mode;
  /** secure: TLS on every listener, SCRAM clients, mutual TLS between processes, deny-by-default ACLs */
  security: Security;
  /** the stage of a migration to KRaft under way (src/migration), null otherwise */
  migration: MigrationStage | null;
  zookeeper: ZooKeeperSettings;
  broker: BrokerSettings;
  controller: ControllerSettings;
  spark: SparkSettings;
  ssh: SshSettings;
  hosts: Host[];
  /** every process: ZooKeeper servers, controllers, brokers (by host, then service) */
  processes: Process[];
  /** the metadata quorum's members: ZooKeeper servers, or KRaft controllers (dedicated and combined), by id */
  quorum: Process[];
  /** ZooKeeper ensemble, ordered by id */
  ensemble: EnsembleMember[];
  /** hosts running a broker, ordered by broker id */
  brokers: Host[];
  /** "node01:2181,node02:2181,node03:2181" (ensemble order) */
  zookeeperConnect: string;
  /** "192.168.56.11:9092,..." for clients outside the cluster (broker order) */
  bootstrapServers: string;
  /** KRaft: "node01:9093,..." (controller.quorum.bootstrap.servers); "" in ZooKeeper mode */
  controllerBootstrap: string;
  /** "spark://node01:7077", or null when no host runs a Spark master */
  sparkMasterUrl: string | null;
}

export const hasRole = (p: Pick<Process, 'roles'>, role: Role): boolean => p.roles.includes(role);

/**
 * Where a Kafka process itself keeps and reads metadata: a KRaft controller always in its quorum,
 * a broker in the cluster's mode. Only a migration has both kinds at once.
 */
export const storeOf = (cluster: Pick<Cluster, 'mode'>, p: Pick<Process, 'roles'>): Mode => (hasRole(p, 'controller') ? 'kraft' : cluster.mode);

/** A migration's controllers, and its brokers from dual-write on, also speak to ZooKeeper. */
export function migratingToKraft(cluster: Pick<Cluster, 'migration'>, p: Pick<Process, 'roles'>): boolean {
  if (cluster.migration === null) return false;
  return hasRole(p, 'controller') || cluster.migration === 'dual-write';
}

/** The process of `host` that runs `service`, if any. */
export function processOf(cluster: Pick<Cluster, 'processes'>, host: string, service: Service): Process | undefined {
  return cluster.processes.find((p) => p.host.name === host && p.service === service);
}

/**
 * The port of the process's Prometheus JMX exporter, or null when it has none: processes with the
 * broker role (combined ones too) use cluster.broker.metrics_port, dedicated controllers
 * cluster.controller.metrics_port; ZooKeeper has none.
 */
export function metricsPortOf(cluster: Pick<Cluster, 'broker' | 'controller'>, p: Pick<Process, 'roles'>): number | null {
  if (hasRole(p, 'broker')) return cluster.broker.metricsPort;
  return hasRole(p, 'controller') ? cluster.controller.metricsPort : null;
}

/** The services of the Spark daemons. */
export const isSparkService = (service: Service): service is 'spark-master' | 'spark-worker' => service === 'spark-master' || service === 'spark-worker';

/** A Spark daemon: the master or a worker. */
export const isSpark = (p: Pick<Process, 'service'>): boolean => isSparkService(p.service);

/** Name of the distribution folder and tarball, e.g. kafka_2.13-3.9.1 */
export function distName(kafka: Pick<KafkaSettings, 'scala' | 'version'>): string {
  return `kafka_${kafka.scala}-${kafka.version}`;
}

/** Name of the Spark distribution folder and tarball, e.g. spark_2.13-4.2.0 */
export function sparkDistName(spark: Pick<SparkSettings, 'scala' | 'version'>): string {
  return `spark_${spark.scala}-${spark.version}`;
}

export function hostByName(cluster: Cluster, name: string): Host {
  const host = cluster.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`no host named ${name} in ${cluster.inventoryFile}`);
  return host;
}

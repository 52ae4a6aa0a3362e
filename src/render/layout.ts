// Where things live on every cluster host. One place, so the renderer, the provisioner, the
// facts readers and the lab agree. The lab gives each host its own /opt, /var/lib, /var/log
// and /etc, so these are real per-host paths there as on a VM.
import { distName, sparkDistName, type KafkaSettings, type Service, type SparkSettings } from '../inventory/model.js';
import type { LoggingBackend } from '../dist/release.js';

export type { Service } from '../inventory/model.js';

export const SERVICE_USER = 'kafka';
export const SERVICE_GROUP = 'kafka';

/** Paths every host shares, whatever runs on it. */
export const layout = {
  /** versioned distribution folders live here; KAFKA_HOME is a symlink switched atomically */
  optDir: '/opt',
  kafkaHome: '/opt/kafka',
  /** SPARK_HOME: a symlink to the versioned Spark folder (its jars/ is the class path) */
  sparkHome: '/opt/spark',
  /** where the uploaded tarballs are kept, so their sha512 can be compared on the next run */
  distCache: '/opt/kafka-dist',
  /** launch scripts rendered by the tool */
  binDir: '/opt/kafka-cluster/bin',
  /** jars the tool adds to the distribution's JVMs (the metrics agent), versioned by name */
  libDir: '/opt/kafka-cluster/lib',
  /** pidfiles, written by the launch scripts (root) and checked against /proc/PID/cmdline */
  runDir: '/var/lib/kafka-cluster/run',
  /** provisioner lock on the first host */
  lockDir: '/var/lib/kafka-cluster/lock',
  /** written on every host by npm run migrate once the migration is finalized: no way back to ZooKeeper mode */
  migratedMarker: '/var/lib/kafka-cluster/migrated-to-kraft',
  /** the managed block inside /etc/hosts */
  etcHosts: '/etc/hosts',
} as const;

/** The folders and files one service owns on its host. */
export interface ServicePaths {
  confDir: string;
  /** zoo.cfg or server.properties: also what /proc/PID/cmdline names after the main class */
  config: string;
  /** parent of dataDir (owned by the service user) */
  stateDir: string;
  /** ZooKeeper: snapshots (dataDir); Kafka: log.dirs (and the KRaft metadata log) */
  dataDir: string;
  logDir: string;
  /** the log4j file the rendered logging config writes */
  mainLog: string;
  /** the JVM's stdout and stderr (start-up errors land here) */
  consoleLog: string;
  script: string;
  pidFile: string;
}

const kafkaLike = (service: 'kafka' | 'controller'): ServicePaths => {
  const base = service === 'kafka' ? 'kafka' : 'kafka-controller';
  return {
    confDir: `/etc/${base}`,
    config: `/etc/${base}/server.properties`,
    stateDir: `/var/lib/${base}`,
    dataDir: `/var/lib/${base}/data`,
    logDir: `/var/log/${base}`,
    mainLog: `/var/log/${base}/server.log`,
    consoleLog: `/var/log/${base}/${service}.out`,
    script: `${layout.binDir}/${service}-service.sh`,
    pidFile: `${layout.runDir}/${service}.pid`,
  };
};

const sparkLike = (service: 'spark-master' | 'spark-worker'): ServicePaths => ({
  confDir: `/etc/${service}`,
  config: `/etc/${service}/spark-defaults.conf`,
  stateDir: `/var/lib/${service}`,
  // the master's recovery state (FILESYSTEM mode); the worker's executor work folders
  dataDir: `/var/lib/${service}/${service === 'spark-master' ? 'recovery' : 'work'}`,
  logDir: `/var/log/${service}`,
  mainLog: `/var/log/${service}/${service}.log`,
  consoleLog: `/var/log/${service}/${service}.out`,
  script: `${layout.binDir}/${service}-service.sh`,
  pidFile: `${layout.runDir}/${service}.pid`,
});

const PATHS: Record<Service, ServicePaths> = {
  zookeeper: {
    confDir: '/etc/zookeeper',
    config: '/etc/zookeeper/zoo.cfg',
    stateDir: '/var/lib/zookeeper',
    dataDir: '/var/lib/zookeeper',
    logDir: '/var/log/zookeeper',
    mainLog: '/var/log/zookeeper/zookeeper.log',
    consoleLog: '/var/log/zookeeper/zookeeper.out',
    script: `${layout.binDir}/zookeeper-service.sh`,
    pidFile: `${layout.runDir}/zookeeper.pid`,
  },
  kafka: kafkaLike('kafka'),
  controller: kafkaLike('controller'),
  'spark-master': sparkLike('spark-master'),
  'spark-worker': sparkLike('spark-worker'),
};

export const SERVICES: readonly Service[] = ['zookeeper', 'controller', 'kafka', 'spark-master', 'spark-worker'];

/**
 * Seconds `stop` waits after SIGTERM before SIGKILL: a broker's controlled shutdown moves
 * leadership first; a Spark worker stops its executors.
 */
export const STOP_TIMEOUT_S: Readonly<Record<Service, number>> = { zookeeper: 20, controller: 30, kafka: 60, 'spark-master': 20, 'spark-worker': 30 };

export const servicePaths = (service: Service): ServicePaths => PATHS[service];

/** The JMX exporter's rules for a Kafka process (broker, controller or both). */
export const metricsConfig = (service: 'kafka' | 'controller'): string => `${PATHS[service].confDir}/jmx-exporter.yml`;

/** ZooKeeper's own files besides its config. */
export const zookeeperFiles = {
  myid: '/var/lib/zookeeper/myid',
  txnLogDir: '/var/lib/zookeeper/txlog',
} as const;

/** The Java main class a service's JVM runs. */
export const MAIN_CLASS: Readonly<Record<Service, string>> = {
  zookeeper: 'org.apache.zookeeper.server.quorum.QuorumPeerMain',
  controller: 'kafka.Kafka',
  kafka: 'kafka.Kafka',
  'spark-master': 'org.apache.spark.deploy.master.Master',
  'spark-worker': 'org.apache.spark.deploy.worker.Worker',
};

/** The logging config of a service, in the format of the release's logging backend. */
export const loggingConfig = (service: Service, backend: LoggingBackend): string =>
  `${PATHS[service].confDir}/${backend === 'log4j2' ? 'log4j2.properties' : 'log4j.properties'}`;

export const serviceScript = (service: Service): string => PATHS[service].script;
export const pidFile = (service: Service): string => PATHS[service].pidFile;

export const distDir = (kafka: Pick<KafkaSettings, 'scala' | 'version'>): string =>
  `${layout.optDir}/${distName(kafka)}`;
export const distTarball = (kafka: Pick<KafkaSettings, 'scala' | 'version'>): string =>
  `${layout.distCache}/${distName(kafka)}.tgz`;

export const sparkDistDir = (spark: Pick<SparkSettings, 'scala' | 'version'>): string => `${layout.optDir}/${sparkDistName(spark)}`;
export const sparkDistTarball = (spark: Pick<SparkSettings, 'scala' | 'version'>): string => `${layout.distCache}/${sparkDistName(spark)}.tgz`;

// The JVM flags of a process: its heap (ZooKeeper, controller, broker or Spark daemon), Kafka's
// own G1 defaults from kafka-run-class.sh (unless the inventory's jvm_options name another
// collector), a GC log beside the service log, and the logging
// config in the format of its backend (log4j on ZooKeeper and Kafka 3.x, log4j2 on 4.x and
// Spark); on brokers and controllers the Prometheus JMX exporter agent, bound to the host's
// address; on Spark daemons the module options Spark's own launcher passes on Java 17; last, the
// inventory's jvm_options for that kind of process.
import { agentJarName } from '../dist/agent.js';
import { loggingFlag, releaseOf, type LoggingBackend } from '../dist/release.js';
import { SPARK_JAVA_MODULE_OPTIONS } from '../spark/java-modules.js';
import { isIPv6 } from 'node:net';
import { isSparkService, metricsPortOf, type Cluster, type Process } from '../inventory/model.js';
import { layout, loggingConfig, metricsConfig, servicePaths, type Service } from './layout.js';

/** Where the agent jar lives on every host that runs a broker or a controller. */
export const metricsAgentPath = (): string => `${layout.libDir}/${agentJarName()}`;

/**
 * -javaagent:JAR=ADDRESS:PORT:RULES, or nothing for ZooKeeper and processes without a metrics
 * port. The agent's argument cannot name an IPv6 address: there it listens on every address.
 */
export function metricsAgentFlag(cluster: Cluster, p: Process): string[] {
  const port = metricsPortOf(cluster, p);
  if (port === null) return [];
  const listen = isIPv6(p.host.address) ? String(port) : `${p.host.address}:${port}`;
  return [`-javaagent:${metricsAgentPath()}=${listen}:${metricsConfig(p.service as 'kafka' | 'controller')}`];
}

/** The inventory section that sets a kind of process's JVM: its heap and its own flags (a combined process is a broker's). */
const JVM_SECTION: Record<Service, (c: Cluster) => { heap: string; jvmOptions: string[] }> = {
  zookeeper: (c) => c.zookeeper,
  controller: (c) => c.controller,
  kafka: (c) => c.kafka,
  'spark-master': (c) => c.spark,
  'spark-worker': (c) => c.spark,
};

export const heapOf = (cluster: Cluster, p: Process): string => JVM_SECTION[p.service](cluster).heap;

/** Kafka's G1 settings (kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS), unless the inventory names a collector. */
const G1 = ['-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent'];
const namesCollector = (options: string[]): boolean => options.some((o) => /^-XX:\+Use\w+GC$/.test(o));

/** Each service's logging backend: ZooKeeper log4j 1, Spark log4j2, Kafka its release's. */
const backendOf = (cluster: Cluster, service: Service): LoggingBackend => {
  if (service === 'zookeeper') return 'log4j';
  return isSparkService(service) ? 'log4j2' : releaseOf(cluster.kafka.version).logging;
};

/** What each kind of process adds to the common flags. */
const EXTRA: Record<Service, (cluster: Cluster, p: Process, logDir: string) => string[]> = {
  zookeeper: (_c, _p, logDir) => [`-Dzookeeper.log.dir=${logDir}`, '-Dzookeeper.root.logger=INFO,ROLLINGFILE'],
  controller: (c, p, logDir) => [`-Dkafka.logs.dir=${logDir}`, ...metricsAgentFlag(c, p)],
  kafka: (c, p, logDir) => [`-Dkafka.logs.dir=${logDir}`, ...metricsAgentFlag(c, p)],
  'spark-master': () => [...SPARK_JAVA_MODULE_OPTIONS],
  'spark-worker': () => [...SPARK_JAVA_MODULE_OPTIONS],
};

export function jvmOptions(cluster: Cluster, p: Process): string[] {
  const heap = heapOf(cluster, p);
  const { logDir } = servicePaths(p.service);
  const backend = backendOf(cluster, p.service);
  const own = JVM_SECTION[p.service](cluster).jvmOptions;
  const common = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    ...(namesCollector(own) ? [] : G1),
    '-Djava.awt.headless=true',
    `-Xlog:gc*:file=${logDir}/${p.service}-gc.log:time,tags:filecount=10,filesize=100M`,
    loggingFlag({ logging: backend }, loggingConfig(p.service, backend)),
  ];
  // the inventory's last, so that a flag given there wins over the tool's
  return [...common, ...EXTRA[p.service](cluster, p, logDir), ...own];
}

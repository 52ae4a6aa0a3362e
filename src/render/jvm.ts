// The JVM flags of a process: its heap (ZooKeeper, controller or broker), Kafka's own G1 defaults
// from kafka-run-class.sh, a GC log beside the service log, and the logging config in the format
// of the release's backend (log4j on 3.x, log4j2 on 4.x); on brokers and controllers the
// Prometheus JMX exporter agent, bound to the host's address.
import { agentJarName } from '../dist/agent.js';
import { loggingFlag, releaseOf } from '../dist/release.js';
import { isIPv6 } from 'node:net';
import { metricsPortOf, type Cluster, type Process } from '../inventory/model.js';
import { layout, loggingConfig, metricsConfig, servicePaths } from './layout.js';

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

export function heapOf(cluster: Cluster, p: Process): string {
  if (p.service === 'zookeeper') return cluster.zookeeper.heap;
  return p.service === 'controller' ? cluster.controller.heap : cluster.kafka.heap;
}

export function jvmOptions(cluster: Cluster, p: Process): string[] {
  const heap = heapOf(cluster, p);
  const { logDir } = servicePaths(p.service);
  const backend = p.service === 'zookeeper' ? 'log4j' : releaseOf(cluster.kafka.version).logging;
  const common = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Xlog:gc*:file=${logDir}/${p.service}-gc.log:time,tags:filecount=10,filesize=100M`,
    loggingFlag({ logging: backend }, loggingConfig(p.service, backend)),
  ];
  return p.service === 'zookeeper'
    ? [...common, `-Dzookeeper.log.dir=${logDir}`, '-Dzookeeper.root.logger=INFO,ROLLINGFILE']
    : [...common, `-Dkafka.logs.dir=${logDir}`, ...metricsAgentFlag(cluster, p)];
}

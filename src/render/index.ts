// Model + templates -> the files each host gets: per process (ZooKeeper server, KRaft controller,
// broker), plus the host's /etc/hosts block. Pure: the same cluster renders the same bytes.
import { quote } from '../core/shell.js';
import { releaseOf } from '../dist/release.js';
import { hostPort } from '../inventory/derive.js';
import { hostByName, isSpark, metricsPortOf, type Cluster, type Host, type Process } from '../inventory/model.js';
import { renderTemplate } from './engine.js';
import { jvmOptions, metricsAgentPath } from './jvm.js';
import { kafkaIdentity } from './identity.js';
import { layout, loggingConfig, MAIN_CLASS, metricsConfig, servicePaths, SERVICE_GROUP, SERVICE_USER, STOP_TIMEOUT_S, zookeeperFiles } from './layout.js';
import { kafkaSettings, zookeeperSettings } from './settings.js';
import { sparkDaemonOptions, sparkDaemonSettings, sparkEnvironment } from './spark.js';
import type { ClusterSecrets } from '../security/cluster-secrets.js';
import { securityFiles, zookeeperTlsSettings } from './security.js';
import type { HostFile, HostFiles, RenderedFile, ShippedFile } from './types.js';

export type { HostFile, HostFiles, RenderedFile, ShippedFile } from './types.js';
export { jvmOptions } from './jvm.js';

const config = (p: Process, path: string, content: string): RenderedFile => ({
  path,
  content,
  mode: 0o640,
  owner: 'root',
  group: SERVICE_GROUP,
  service: p.service,
  kind: 'file',
});

/** What a launch script (templates/bin/service.sh.hbs) runs, and how it finds and stops it. */
export interface ServiceScript {
  /** the name it reports (kafka, zookeeper, ...) */
  service: string;
  host: Pick<Host, 'name'>;
  pidFile: string;
  /** the JVM's stdout and stderr */
  logFile: string;
  user: string;
  mainClass: string;
  /** the last argument, what identifies the process besides the main class */
  configFile: string;
  /** e.g. /opt/kafka/libs/* */
  classpath: string;
  stopTimeout: number;
  javaOpts: string[];
  /** between the main class and the config (Spark's daemon options) */
  mainOptions?: string[];
  /** NAME=value pairs exported for the JVM */
  env?: string[];
}

export function renderServiceScript(s: ServiceScript): string {
  return renderTemplate('bin/service.sh.hbs', {
    ...s,
    javaOpts: s.javaOpts.map(quote),
    mainOptions: (s.mainOptions ?? []).map(quote),
    env: (s.env ?? []).map(quote),
  });
}

function serviceScriptFile(cluster: Cluster, p: Process): RenderedFile {
  const paths = servicePaths(p.service);
  const spark = isSpark(p);
  const content = renderServiceScript({
    service: p.service,
    host: p.host,
    pidFile: paths.pidFile,
    logFile: paths.consoleLog,
    user: SERVICE_USER,
    mainClass: MAIN_CLASS[p.service],
    configFile: paths.config,
    classpath: spark ? `${layout.sparkHome}/jars/*` : `${layout.kafkaHome}/libs/*`,
    stopTimeout: STOP_TIMEOUT_S[p.service],
    javaOpts: jvmOptions(cluster, p),
    ...(spark ? { mainOptions: sparkDaemonOptions(cluster, p), env: sparkEnvironment(cluster) } : {}),
  });
  return { path: paths.script, content, mode: 0o755, owner: 'root', group: 'root', service: p.service, kind: 'file' };
}

function zookeeperProcessFiles(cluster: Cluster, p: Process, secrets: ClusterSecrets | null): RenderedFile[] {
  const paths = servicePaths('zookeeper');
  const tls = secrets ? zookeeperTlsSettings(cluster).map(([key, value]) => ({ key, value })) : null;
  const context = { cluster, host: p.host, paths, txnLogDir: zookeeperFiles.txnLogDir, settings: zookeeperSettings(cluster), tls };
  return [
    config(p, paths.config, renderTemplate('zookeeper/zoo.cfg.hbs', context)),
    { ...config(p, zookeeperFiles.myid, renderTemplate('zookeeper/myid.hbs', context)), mode: 0o644, owner: SERVICE_USER },
    config(p, loggingConfig('zookeeper', 'log4j'), renderTemplate('zookeeper/log4j.properties.hbs', { host: p.host, paths })),
    ...(secrets ? securityFiles(cluster, p, secrets) : []),
  ];
}

/** "Kafka broker", "KRaft controller", "Kafka broker and KRaft controller" */
export function describeRoles(p: Process): string {
  const broker = p.roles.includes('broker');
  const controller = p.roles.includes('controller');
  return broker && controller ? 'Kafka broker and KRaft controller' : controller ? 'KRaft controller' : 'Kafka broker';
}

function kafkaProcessFiles(cluster: Cluster, p: Process, secrets: ClusterSecrets | null): RenderedFile[] {
  const paths = servicePaths(p.service);
  const backend = releaseOf(cluster.kafka.version).logging;
  const { settings, layering } = kafkaSettings(cluster, p);
  const identity = kafkaIdentity(cluster, p);
  const context = { title: identity.title, derived: identity.settings, settings, layering };
  const metricsPort = metricsPortOf(cluster, p);
  const service = p.service as 'kafka' | 'controller';
  return [
    config(p, paths.config, renderTemplate('kafka/server.properties.hbs', context)),
    config(p, loggingConfig(p.service, backend), renderTemplate(`kafka/${backend}.properties.hbs`, { host: p.host, paths, what: describeRoles(p) })),
    ...(metricsPort === null
      ? []
      : [config(p, metricsConfig(service), renderTemplate('kafka/jmx-exporter.yml.hbs', { host: p.host, what: describeRoles(p), listen: hostPort(p.host.address, metricsPort) }))]),
    ...(secrets ? securityFiles(cluster, p, secrets) : []),
  ];
}

function sparkProcessFiles(cluster: Cluster, p: Process): RenderedFile[] {
  const service = p.service as 'spark-master' | 'spark-worker';
  const paths = servicePaths(service);
  const what = service === 'spark-master' ? 'master' : 'worker';
  return [
    config(p, paths.config, renderTemplate('spark/spark-defaults.conf.hbs', { host: p.host, what, settings: sparkDaemonSettings(cluster, service) })),
    config(p, loggingConfig(service, 'log4j2'), renderTemplate('spark/log4j2.properties.hbs', { host: p.host, what, paths })),
  ];
}

function processFiles(cluster: Cluster, p: Process, secrets: ClusterSecrets | null): RenderedFile[] {
  if (p.service === 'zookeeper') return zookeeperProcessFiles(cluster, p, secrets);
  return isSpark(p) ? sparkProcessFiles(cluster, p) : kafkaProcessFiles(cluster, p, secrets);
}

/** `secrets`: a secured cluster's keys and passwords (clusterSecrets), null when it is not secured. */
export function renderProcess(cluster: Cluster, p: Process, secrets: ClusterSecrets | null = null): RenderedFile[] {
  if ((cluster.security === 'secure') !== (secrets !== null)) throw new Error(`${p.name}: a secured cluster renders with its secrets, any other without`);
  return [...processFiles(cluster, p, secrets), serviceScriptFile(cluster, p)];
}

export function hostsBlock(cluster: Cluster): RenderedFile {
  return {
    path: layout.etcHosts,
    content: renderTemplate('etc/hosts-block.hbs', { cluster }),
    mode: 0o644,
    owner: 'root',
    group: 'root',
    service: null,
    kind: 'block',
  };
}

/** Whether any process of the host runs the metrics agent. */
export const runsMetricsAgent = (cluster: Cluster, host: Host): boolean =>
  cluster.processes.some((p) => p.host.name === host.name && metricsPortOf(cluster, p) !== null);

/**
 * The agent jar as one more file for the hosts that run it. Its name holds its version, so a new
 * version changes the JVM flags (a restart); the jar alone restarts nothing.
 */
export function withMetricsAgent(cluster: Cluster, hosts: HostFiles[], jar: Buffer): Array<{ host: string; files: HostFile[] }> {
  const file: ShippedFile = { path: metricsAgentPath(), content: jar, mode: 0o644, owner: 'root', group: 'root', service: null, kind: 'file' };
  return hosts.map((h) => (runsMetricsAgent(cluster, hostByName(cluster, h.host)) ? { ...h, files: [...h.files, file] } : h));
}

export function renderHost(cluster: Cluster, host: Host, secrets: ClusterSecrets | null = null): HostFiles {
  const processes = cluster.processes.filter((p) => p.host.name === host.name);
  return { host: host.name, files: [...processes.flatMap((p) => renderProcess(cluster, p, secrets)), hostsBlock(cluster)] };
}

export function renderCluster(cluster: Cluster, secrets: ClusterSecrets | null = null): HostFiles[] {
  return cluster.hosts.map((host) => renderHost(cluster, host, secrets));
}

// Model + templates -> the files each host gets: per process (ZooKeeper server, KRaft controller,
// broker), plus the host's /etc/hosts block. Pure: the same cluster renders the same bytes.
import { releaseOf } from '../dist/release.js';
import { hostPort } from '../inventory/derive.js';
import { hostByName, metricsPortOf, type Cluster, type Host, type Process } from '../inventory/model.js';
import { renderTemplate } from './engine.js';
import { jvmOptions, metricsAgentPath } from './jvm.js';
import { kafkaIdentity } from './identity.js';
import { layout, loggingConfig, metricsConfig, servicePaths, SERVICE_GROUP, SERVICE_USER, STOP_TIMEOUT_S, zookeeperFiles } from './layout.js';
import { kafkaSettings, zookeeperSettings } from './settings.js';
import type { HostFile, HostFiles, RenderedFile, ShippedFile } from './types.js';

export type { HostFile, HostFiles, RenderedFile, ShippedFile } from './types.js';
export { jvmOptions } from './jvm.js';

const shellWord = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

const config = (p: Process, path: string, content: string): RenderedFile => ({
  path,
  content,
  mode: 0o640,
  owner: 'root',
  group: SERVICE_GROUP,
  service: p.service,
  kind: 'file',
});

function serviceScriptFile(cluster: Cluster, p: Process): RenderedFile {
  const paths = servicePaths(p.service);
  const content = renderTemplate('bin/service.sh.hbs', {
    service: p.service,
    host: p.host,
    pidFile: paths.pidFile,
    logFile: paths.consoleLog,
    user: SERVICE_USER,
    mainClass: p.service === 'zookeeper' ? 'org.apache.zookeeper.server.quorum.QuorumPeerMain' : 'kafka.Kafka',
    configFile: paths.config,
    kafkaHome: layout.kafkaHome,
    stopTimeout: STOP_TIMEOUT_S[p.service],
    javaOpts: jvmOptions(cluster, p).map(shellWord),
  });
  return { path: paths.script, content, mode: 0o755, owner: 'root', group: 'root', service: p.service, kind: 'file' };
}

function zookeeperProcessFiles(cluster: Cluster, p: Process): RenderedFile[] {
  const paths = servicePaths('zookeeper');
  const context = { cluster, host: p.host, paths, txnLogDir: zookeeperFiles.txnLogDir, settings: zookeeperSettings(cluster) };
  return [
    config(p, paths.config, renderTemplate('zookeeper/zoo.cfg.hbs', context)),
    { ...config(p, zookeeperFiles.myid, renderTemplate('zookeeper/myid.hbs', context)), mode: 0o644, owner: SERVICE_USER },
    config(p, loggingConfig('zookeeper', 'log4j'), renderTemplate('zookeeper/log4j.properties.hbs', { host: p.host, paths })),
  ];
}

/** "Kafka broker", "KRaft controller", "Kafka broker and KRaft controller" */
export function describeRoles(p: Process): string {
  const broker = p.roles.includes('broker');
  const controller = p.roles.includes('controller');
  return broker && controller ? 'Kafka broker and KRaft controller' : controller ? 'KRaft controller' : 'Kafka broker';
}

function kafkaProcessFiles(cluster: Cluster, p: Process): RenderedFile[] {
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
  ];
}

export function renderProcess(cluster: Cluster, p: Process): RenderedFile[] {
  const files = p.service === 'zookeeper' ? zookeeperProcessFiles(cluster, p) : kafkaProcessFiles(cluster, p);
  return [...files, serviceScriptFile(cluster, p)];
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

export function renderHost(cluster: Cluster, host: Host): HostFiles {
  const processes = cluster.processes.filter((p) => p.host.name === host.name);
  return { host: host.name, files: [...processes.flatMap((p) => renderProcess(cluster, p)), hostsBlock(cluster)] };
}

export function renderCluster(cluster: Cluster): HostFiles[] {
  return cluster.hosts.map((host) => renderHost(cluster, host));
}

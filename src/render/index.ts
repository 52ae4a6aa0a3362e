// Model + templates -> the files each host gets. Pure: the same cluster renders the same bytes.
import { hostPort } from '../inventory/derive.js';
import type { Cluster, Host } from '../inventory/model.js';
import { renderTemplate } from './engine.js';
import { layout, pidFile, serviceLog, serviceScript, SERVICE_GROUP, SERVICE_USER, type Service } from './layout.js';
import { brokerSettings, zookeeperSettings } from './settings.js';
import type { HostFiles, RenderedFile } from './types.js';

export type { HostFiles, RenderedFile } from './types.js';

const shellWord = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

const config = (path: string, content: string, service: Service): RenderedFile => ({
  path,
  content,
  mode: 0o640,
  owner: 'root',
  group: SERVICE_GROUP,
  service,
  kind: 'file',
});

export function jvmOptions(cluster: Cluster, service: Service): string[] {
  const heap = service === 'kafka' ? cluster.kafka.heap : cluster.zookeeper.heap;
  const logDir = service === 'kafka' ? layout.kafkaLogDir : layout.zookeeperLogDir;
  const log4j = service === 'kafka' ? layout.kafkaLog4j : layout.zookeeperLog4j;
  // Kafka's own kafka-run-class.sh defaults: G1 with short pauses, GC log beside the service log.
  const common = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Xlog:gc*:file=${logDir}/${service}-gc.log:time,tags:filecount=10,filesize=100M`,
    `-Dlog4j.configuration=file:${log4j}`,
  ];
  return service === 'kafka'
    ? [...common, `-Dkafka.logs.dir=${logDir}`]
    : [...common, `-Dzookeeper.log.dir=${logDir}`, '-Dzookeeper.root.logger=INFO,ROLLINGFILE'];
}

function serviceScriptFile(cluster: Cluster, host: Host, service: Service): RenderedFile {
  const content = renderTemplate('bin/service.sh.hbs', {
    service,
    host,
    pidFile: pidFile(service),
    logFile: serviceLog(service),
    user: SERVICE_USER,
    mainClass: service === 'kafka' ? 'kafka.Kafka' : 'org.apache.zookeeper.server.quorum.QuorumPeerMain',
    configFile: service === 'kafka' ? layout.serverProperties : layout.zooCfg,
    kafkaHome: layout.kafkaHome,
    // controlled shutdown moves leadership away first; give it time before SIGKILL
    stopTimeout: service === 'kafka' ? 60 : 20,
    javaOpts: jvmOptions(cluster, service).map(shellWord),
  });
  return { path: serviceScript(service), content, mode: 0o755, owner: 'root', group: 'root', service, kind: 'file' };
}

function zookeeperFiles(cluster: Cluster, host: Host): RenderedFile[] {
  const context = { cluster, host, layout, settings: zookeeperSettings(cluster) };
  return [
    config(layout.zooCfg, renderTemplate('zookeeper/zoo.cfg.hbs', context), 'zookeeper'),
    { ...config(layout.zookeeperMyid, renderTemplate('zookeeper/myid.hbs', context), 'zookeeper'), mode: 0o644, owner: SERVICE_USER },
    config(layout.zookeeperLog4j, renderTemplate('zookeeper/log4j.properties.hbs', context), 'zookeeper'),
    serviceScriptFile(cluster, host, 'zookeeper'),
  ];
}

function brokerFiles(cluster: Cluster, host: Host): RenderedFile[] {
  const context = {
    cluster,
    host,
    layout,
    listenAddress: hostPort(host.address, cluster.broker.port),
    settings: brokerSettings(cluster, host),
  };
  return [
    config(layout.serverProperties, renderTemplate('kafka/server.properties.hbs', context), 'kafka'),
    config(layout.kafkaLog4j, renderTemplate('kafka/log4j.properties.hbs', context), 'kafka'),
    serviceScriptFile(cluster, host, 'kafka'),
  ];
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

export function renderHost(cluster: Cluster, host: Host): HostFiles {
  const files = [
    ...(host.zookeeperId !== null ? zookeeperFiles(cluster, host) : []),
    ...(host.brokerId !== null ? brokerFiles(cluster, host) : []),
    hostsBlock(cluster),
  ];
  return { host: host.name, files };
}

export function renderCluster(cluster: Cluster): HostFiles[] {
  return cluster.hosts.map((host) => renderHost(cluster, host));
}

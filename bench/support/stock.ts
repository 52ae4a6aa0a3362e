// The references of the pressure test (#10): Kafka as its own scripts start it, with Kafka's
// default configuration, from the distribution this tool installed on the lab hosts. Pure: what
// runs where (processes, files, launch scripts), tested as text; bench/support/stock-cluster.ts
// puts it on the hosts. Two shapes:
// - single: one ZooKeeper and one broker on the first broker host, as the quickstart runs them;
// - cluster: the inventory's shape (its ZooKeeper ids and broker ids on the same hosts).
// "Kafka's default configuration" is what the quickstart needs and nothing else: broker.id,
// listeners, log.dirs, zookeeper.connect; zoo.cfg's dataDir and clientPort (and, in an ensemble,
// the server lines with the sample's initLimit and syncLimit, which ZooKeeper requires). The JVM
// flags are those of kafka-server-start.sh / zookeeper-server-start.sh and kafka-run-class.sh of
// the 3.x line: 1 GiB heap for a broker, 512 MiB for ZooKeeper, G1 with its pause goal, a GC log.
// Ports differ from the rendered cluster's, and everything lives under one folder of its own, so a
// reference can never touch the provisioned cluster's data. ZooKeeper mode only: a KRaft
// reference would need its own storage format step.
import { loggingFlag, releaseOf } from '../../src/dist/release.js';
import { hostPort } from '../../src/inventory/derive.js';
import type { Cluster, Host } from '../../src/inventory/model.js';
import { renderServiceScript } from '../../src/render/index.js';
import { layout, SERVICE_USER } from '../../src/render/layout.js';

export type StockShape = 'single' | 'cluster';
export type StockService = 'zookeeper' | 'kafka';

export const STOCK_ROOT = '/var/lib/kcp-stock';
export const STOCK_PORTS = { broker: 19092, client: 12181, peer: 12888, election: 13888 } as const;

/** kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS on the 3.x line */
const STOCK_PERFORMANCE_OPTS = ['-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent', '-XX:MaxInlineLevel=15', '-Djava.awt.headless=true'];
/** kafka-run-class.sh's KAFKA_JMX_OPTS (local JMX, as every stock JVM has it) */
const STOCK_JMX_OPTS = ['-Dcom.sun.management.jmxremote', '-Dcom.sun.management.jmxremote.authenticate=false', '-Dcom.sun.management.jmxremote.ssl=false'];
const STOCK = {
  zookeeper: { heap: ['-Xmx512M', '-Xms512M'], gcName: 'zookeeper', mainClass: 'org.apache.zookeeper.server.quorum.QuorumPeerMain', config: 'zookeeper.properties' },
  kafka: { heap: ['-Xmx1G', '-Xms1G'], gcName: 'kafkaServer', mainClass: 'kafka.Kafka', config: 'server.properties' },
} as const;

export interface StockFile {
  path: string;
  content: string;
  mode: number;
  owner: string;
}

export interface StockProcess {
  host: Host;
  service: StockService;
  /** myid or broker.id */
  id: number;
  /** the rendered service script (start | stop | status), the tool's own, pointed at these files */
  script: string;
  files: StockFile[];
}

export interface StockTopology {
  shape: StockShape;
  /** ZooKeeper servers first, then brokers: the start order (stop is the reverse) */
  processes: StockProcess[];
  /** a Cluster view for clients (perf): these brokers and their bootstrap list */
  target: Cluster;
}

export const stockDir = (service: StockService): string => `${STOCK_ROOT}/${service}`;
const configPath = (service: StockService): string => `${stockDir(service)}/${STOCK[service].config}`;

/** The flags the stock start scripts give the JVM (heap, G1, GC log, JMX, logging). */
export function stockJvmOptions(service: StockService, kafkaVersion: string): string[] {
  const dir = stockDir(service);
  const logging = loggingFlag({ logging: 'log4j' }, `${dir}/log4j.properties`);
  if (releaseOf(kafkaVersion).major !== 3) throw new Error(`stock references are ZooKeeper mode (Kafka 3.x); got ${kafkaVersion}`);
  return [
    ...STOCK[service].heap,
    ...STOCK_PERFORMANCE_OPTS,
    `-Xlog:gc*:file=${dir}/logs/${STOCK[service].gcName}-gc.log:time,tags:filecount=10,filesize=100M`,
    ...STOCK_JMX_OPTS,
    `-D${service === 'kafka' ? 'kafka.logs.dir' : 'zookeeper.log.dir'}=${dir}/logs`,
    logging,
  ];
}

/** config/log4j.properties in spirit: INFO to a file (the stock one splits it over six files). */
export function stockLog4j(service: StockService): string {
  return [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.FileAppender',
    `log4j.appender.file.File=${stockDir(service)}/logs/${service === 'kafka' ? 'server' : 'zookeeper'}.log`,
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    ...(service === 'kafka' ? ['log4j.logger.kafka.request.logger=WARN', 'log4j.logger.kafka.controller=TRACE', 'log4j.logger.state.change.logger=INFO'] : []),
    '',
  ].join('\n');
}

export function stockZooCfg(ensemble: Host[], ids: Map<string, number>): string {
  const lines = [`dataDir=${stockDir('zookeeper')}/data`, `clientPort=${STOCK_PORTS.client}`];
  if (ensemble.length > 1) {
    lines.push('initLimit=10', 'syncLimit=5', ...ensemble.map((h) => `server.${ids.get(h.name)}=${h.address}:${STOCK_PORTS.peer}:${STOCK_PORTS.election}`));
  }
  return `${lines.join('\n')}\n`;
}

export function stockServerProperties(host: Host, brokerId: number, ensemble: Host[]): string {
  return [
    `broker.id=${brokerId}`,
    `listeners=PLAINTEXT://${hostPort(host.address, STOCK_PORTS.broker)}`,
    `log.dirs=${stockDir('kafka')}/data`,
    `zookeeper.connect=${ensemble.map((h) => hostPort(h.address, STOCK_PORTS.client)).join(',')}`,
    '',
  ].join('\n');
}

function stockScript(host: Host, service: StockService, kafkaVersion: string): string {
  const dir = stockDir(service);
  return renderServiceScript({
    service: `stock-${service}`,
    host,
    pidFile: `${dir}/${service}.pid`,
    logFile: `${dir}/logs/${service}.out`,
    user: SERVICE_USER,
    mainClass: STOCK[service].mainClass,
    configFile: configPath(service),
    classpath: `${layout.kafkaHome}/libs/*`,
    stopTimeout: 30,
    javaOpts: stockJvmOptions(service, kafkaVersion),
  });
}

const file = (path: string, content: string, mode = 0o644, owner = 'root'): StockFile => ({ path, content, mode, owner });

/** What a stock reference of `shape` runs on the hosts of `cluster`. */
export function stockTopology(cluster: Cluster, shape: StockShape): StockTopology {
  if (cluster.mode !== 'zookeeper') throw new Error(`stock references are ZooKeeper mode; ${cluster.inventoryFile} is ${cluster.mode}`);
  const first = cluster.brokers[0];
  if (!first) throw new Error(`${cluster.inventoryFile}: no broker`);
  const zkIds = new Map<string, number>(shape === 'single' ? [[first.name, 1]] : cluster.hosts.filter((h) => h.zookeeperId !== null).map((h) => [h.name, h.zookeeperId as number]));
  const ensemble = cluster.hosts.filter((h) => zkIds.has(h.name));
  const brokers: Array<[Host, number]> = shape === 'single' ? [[first, 0]] : cluster.brokers.map((h) => [h, h.brokerId as number]);
  const common = (host: Host, service: StockService): StockFile[] => [
    file(`${stockDir(service)}/log4j.properties`, stockLog4j(service)),
    file(`${stockDir(service)}/${service}-service.sh`, stockScript(host, service, cluster.kafka.version), 0o755),
  ];
  const processes: StockProcess[] = [
    ...ensemble.map((host): StockProcess => {
      const id = zkIds.get(host.name) as number;
      const files = [...common(host, 'zookeeper'), file(configPath('zookeeper'), stockZooCfg(ensemble, zkIds))];
      if (ensemble.length > 1) files.push(file(`${stockDir('zookeeper')}/data/myid`, `${id}\n`, 0o644, SERVICE_USER));
      return { host, service: 'zookeeper', id, script: `${stockDir('zookeeper')}/zookeeper-service.sh`, files };
    }),
    ...brokers.map(([host, id]): StockProcess => ({
      host,
      service: 'kafka',
      id,
      script: `${stockDir('kafka')}/kafka-service.sh`,
      files: [...common(host, 'kafka'), file(configPath('kafka'), stockServerProperties(host, id, ensemble))],
    })),
  ];
  const brokerHosts = brokers.map(([h]) => h);
  return {
    shape,
    processes,
    target: { ...cluster, brokers: brokerHosts, bootstrapServers: brokerHosts.map((h) => hostPort(h.address, STOCK_PORTS.broker)).join(',') },
  };
}

/**
 * The shell that prepares a host for its stock processes: the folders, owned by the service
 * user where the JVM writes (data, logs), the earlier run's data removed so every run starts empty.
 */
export function stockPrepareScript(services: StockService[]): string {
  const lines = [`rm -rf -- ${STOCK_ROOT}`];
  for (const s of services) {
    lines.push(`mkdir -p -- ${stockDir(s)}/data ${stockDir(s)}/logs`, `chown -R -- ${SERVICE_USER}:${SERVICE_USER} ${stockDir(s)}/data ${stockDir(s)}/logs`);
  }
  return lines.join(' && ');
}

// Default settings and how the inventory's config layers over them:
// defaults < cluster-level config < per-broker config. Order is kept stable (defaults in
// their documented order, then added keys sorted) so rendering is byte-for-byte repeatable.
import { hasRole, type Cluster, type Host, type Mode, type Process } from '../inventory/model.js';

export interface Setting {
  key: string;
  value: string;
  /** where a non-default value came from, for a comment in the rendered file */
  origin: string | null;
}

type Layer = { origin: string; config: Record<string, string> };

export function layer(defaults: ReadonlyArray<[string, string]>, layers: Layer[]): Setting[] {
  const settings = new Map<string, Setting>(defaults.map(([key, value]) => [key, { key, value, origin: null }]));
  const added: string[] = [];
  for (const { origin, config } of layers) {
    for (const key of Object.keys(config).sort()) {
      if (!settings.has(key)) added.push(key);
      settings.set(key, { key, value: config[key]!, origin });
    }
  }
  const defaultKeys = defaults.map(([key]) => key);
  return [...defaultKeys, ...added.sort()].map((key) => settings.get(key)!);
}

/** Safe defaults for the broker count: RF 3 / min ISR 2 from three brokers on, less below. */
export function brokerDefaults(brokerCount: number, mode: Mode = 'zookeeper'): Array<[string, string]> {
  const rf = String(Math.min(3, brokerCount));
  const minIsr = String(Math.max(1, Math.min(2, brokerCount - 1)));
  return [
    // threads and sockets, as in the seed's server.properties
    ['num.network.threads', '3'],
    ['num.io.threads', '8'],
    ['socket.send.buffer.bytes', '102400'],
    ['socket.receive.buffer.bytes', '102400'],
    ['socket.request.max.bytes', '104857600'],
    ['num.partitions', '3'],
    ['num.recovery.threads.per.data.dir', '1'],
    // durability: no acknowledged write lives on fewer than min.insync.replicas brokers
    ['default.replication.factor', rf],
    ['min.insync.replicas', minIsr],
    ['offsets.topic.replication.factor', rf],
    ['transaction.state.log.replication.factor', rf],
    ['transaction.state.log.min.isr', minIsr],
    ['unclean.leader.election.enable', 'false'],
    ['auto.create.topics.enable', 'false'],
    ['delete.topic.enable', 'true'],
    ['controlled.shutdown.enable', 'true'],
    // retention
    ['log.retention.hours', '168'],
    ['log.segment.bytes', '1073741824'],
    ['log.retention.check.interval.ms', '300000'],
    ['log.cleaner.enable', 'true'],
    // ZooKeeper session (KRaft: brokers heartbeat to the controllers instead)
    ...(mode === 'zookeeper' ? ([['zookeeper.connection.timeout.ms', '18000'], ['zookeeper.session.timeout.ms', '18000']] as Array<[string, string]>) : []),
    ['group.initial.rebalance.delay.ms', '3000'],
  ];
}

/**
 * Keys of cluster.broker.config that a KRaft controller reads for the whole cluster: topics are
 * created, and leaders elected, by the active controller with its own values of these.
 */
export const CLUSTER_WIDE_KEYS: ReadonlySet<string> = new Set(['num.partitions', 'default.replication.factor', 'min.insync.replicas', 'unclean.leader.election.enable', 'delete.topic.enable']);

const pick = (config: Record<string, string>, keys: ReadonlySet<string>): Record<string, string> =>
  Object.fromEntries(Object.entries(config).filter(([k]) => keys.has(k)));

const hostLayer = (cluster: Cluster, host: Host): Layer => ({ origin: `hosts[${cluster.hosts.indexOf(host)}].broker_config (${host.name})`, config: host.brokerConfig });

/** Read only by KRaft controllers; Kafka 4 warns when a broker-only process has them. */
const CONTROLLER_ONLY_DEFAULTS: ReadonlySet<string> = new Set(['num.partitions', 'default.replication.factor']);

/** A broker (combined too): defaults < cluster.broker.config [< cluster.controller.config] < broker_config. */
export function brokerSettings(cluster: Cluster, host: Host): Setting[] {
  const combined = cluster.mode === 'kraft' && host.controllerId !== null && host.controllerId === host.brokerId;
  const brokerOnly = cluster.mode === 'kraft' && !combined;
  const defaults = brokerDefaults(cluster.brokers.length, cluster.mode).filter(([key]) => !(brokerOnly && CONTROLLER_ONLY_DEFAULTS.has(key)));
  return layer(defaults, [
    { origin: 'cluster.broker.config', config: cluster.broker.config },
    ...(combined ? [{ origin: 'cluster.controller.config', config: cluster.controller.config }] : []),
    hostLayer(cluster, host),
  ]);
}

/** A dedicated KRaft controller: the cluster-wide topic defaults, then its own config. */
export function controllerSettings(cluster: Cluster): Setting[] {
  const defaults = brokerDefaults(cluster.brokers.length, 'kraft').filter(([key]) => CLUSTER_WIDE_KEYS.has(key) || /^num\.(network|io)\.threads$|^socket\./.test(key));
  return layer(defaults, [
    { origin: 'cluster.broker.config (cluster-wide topic defaults)', config: pick(cluster.broker.config, CLUSTER_WIDE_KEYS) },
    { origin: 'cluster.controller.config', config: cluster.controller.config },
  ]);
}

/** The settings of a Kafka process (any roles), with the layering its rendered file names. */
export function kafkaSettings(cluster: Cluster, p: Process): { settings: Setting[]; layering: string } {
  if (hasRole(p, 'broker')) {
    const combined = hasRole(p, 'controller');
    return { settings: brokerSettings(cluster, p.host), layering: combined ? 'defaults < cluster.broker.config < cluster.controller.config < broker_config' : 'defaults < cluster.broker.config < broker_config' };
  }
  return { settings: controllerSettings(cluster), layering: 'defaults < cluster-wide keys of cluster.broker.config < cluster.controller.config' };
}

export const zookeeperDefaults: ReadonlyArray<[string, string]> = [
  ['tickTime', '2000'],
  ['initLimit', '10'],
  ['syncLimit', '5'],
  ['maxClientCnxns', '60'],
  // the admin server wants port 8080 on every host; srvr/mntr cover what the tool needs
  ['admin.enableServer', 'false'],
  ['autopurge.snapRetainCount', '3'],
  ['autopurge.purgeInterval', '24'],
];

export function zookeeperSettings(cluster: Cluster): Setting[] {
  return layer(zookeeperDefaults, [{ origin: 'cluster.zookeeper.config', config: cluster.zookeeper.config }]);
}

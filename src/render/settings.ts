// Default settings and how the inventory's config layers over them:
// defaults < cluster-level config < per-broker config. Order is kept stable (defaults in
// their documented order, then added keys sorted) so rendering is byte-for-byte repeatable.
import type { Cluster, Host } from '../inventory/model.js';

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
export function brokerDefaults(brokerCount: number): Array<[string, string]> {
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
    // ZooKeeper session
    ['zookeeper.connection.timeout.ms', '18000'],
    ['zookeeper.session.timeout.ms', '18000'],
    ['group.initial.rebalance.delay.ms', '3000'],
  ];
}

export function brokerSettings(cluster: Cluster, host: Host): Setting[] {
  return layer(brokerDefaults(cluster.brokers.length), [
    { origin: 'cluster.broker.config', config: cluster.broker.config },
    { origin: `hosts[${cluster.hosts.indexOf(host)}].broker_config (${host.name})`, config: host.brokerConfig },
  ]);
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

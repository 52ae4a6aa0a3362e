// Keys the tool derives per host. A user who sets one through `config` would silently fight the
// tool (two brokers with one broker.id, a dataDir the provisioner does not create), so it is an error.

export const derivedBrokerKeys: ReadonlyMap<string, string> = new Map([
  ['broker.id', 'derived from hosts[].broker_id'],
  ['listeners', 'derived from the host address and cluster.broker.port'],
  ['advertised.listeners', 'derived from the host address and cluster.broker.port'],
  ['zookeeper.connect', 'derived from the hosts with zookeeper_id'],
  ['log.dirs', 'the provisioner creates and owns /var/lib/kafka/data'],
  ['log.dir', 'the provisioner creates and owns /var/lib/kafka/data'],
  // Removed in Kafka 3.0; the seed's 0.8-era settings. Say what replaced them.
  ['port', 'removed in Kafka 3.0; use cluster.broker.port'],
  ['host.name', 'removed in Kafka 3.0; listeners are derived from the host address'],
  ['advertised.host.name', 'removed in Kafka 3.0; advertised.listeners is derived from the host address'],
  ['advertised.port', 'removed in Kafka 3.0; advertised.listeners is derived from cluster.broker.port'],
]);

export const derivedZooKeeperKeys: ReadonlyMap<string, string> = new Map([
  ['dataDir', 'the provisioner creates and owns /var/lib/zookeeper'],
  ['dataLogDir', 'the provisioner creates and owns /var/lib/zookeeper/txlog'],
  ['clientPort', 'use cluster.zookeeper.client_port'],
  ['4lw.commands.whitelist', 'the health gates need srvr, ruok, mntr and stat'],
]);

export function derivedKeyReason(kind: 'broker' | 'zookeeper', key: string): string | null {
  if (kind === 'zookeeper') {
    if (/^server\.\d+$/.test(key)) return 'the ensemble is derived from the hosts with zookeeper_id';
    return derivedZooKeeperKeys.get(key) ?? null;
  }
  return derivedBrokerKeys.get(key) ?? null;
}

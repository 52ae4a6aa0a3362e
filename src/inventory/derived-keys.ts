// Keys the tool derives per process. A user who sets one through `config` would silently fight
// the tool (two brokers with one broker.id, a quorum the provisioner did not format, a dataDir it
// does not create), so it is an error. Which keys are derived depends on the mode.
import type { Mode, Security } from './model.js';

/** Whose config a key is set in: zoo.cfg, or a Kafka process's server.properties. */
export type ConfigKind = 'zookeeper' | 'kafka';

const kafkaKeys: ReadonlyMap<string, string> = new Map([
  ['listeners', 'derived from the host address and the cluster ports'],
  ['advertised.listeners', 'derived from the host address and the cluster ports'],
  ['log.dirs', 'the provisioner creates and owns the data folder'],
  ['log.dir', 'the provisioner creates and owns the data folder'],
  // Removed in Kafka 3.0; the seed's 0.8-era settings. Say what replaced them.
  ['port', 'removed in Kafka 3.0; use cluster.broker.port'],
  ['host.name', 'removed in Kafka 3.0; listeners are derived from the host address'],
  ['advertised.host.name', 'removed in Kafka 3.0; advertised.listeners is derived from the host address'],
  ['advertised.port', 'removed in Kafka 3.0; advertised.listeners is derived from cluster.broker.port'],
]);

const zookeeperModeKeys: ReadonlyMap<string, string> = new Map([
  ['broker.id', 'derived from hosts[].broker_id'],
  ['zookeeper.connect', 'derived from the hosts with zookeeper_id'],
]);

const kraftModeKeys: ReadonlyMap<string, string> = new Map([
  ['node.id', 'derived from hosts[].broker_id and hosts[].controller_id'],
  ['broker.id', 'derived from hosts[].broker_id (node.id)'],
  ['process.roles', 'derived from hosts[].controller_id and hosts[].broker_id'],
  ['controller.listener.names', 'derived: the CONTROLLER listener on cluster.controller.port'],
  ['inter.broker.listener.name', 'derived from the listeners the tool renders'],
  ['listener.security.protocol.map', 'derived from the listeners the tool renders'],
  ['metadata.log.dir', 'the provisioner creates and owns the metadata log folder'],
]);

const KRAFT_ONLY = /^(process\.roles|node\.id|controller\.quorum\..+|controller\.listener\.names|metadata\.log\.dir)$/;

const zookeeperKeys: ReadonlyMap<string, string> = new Map([
  ['dataDir', 'the provisioner creates and owns /var/lib/zookeeper'],
  ['dataLogDir', 'the provisioner creates and owns /var/lib/zookeeper/txlog'],
  ['clientPort', 'use cluster.zookeeper.client_port'],
  ['4lw.commands.whitelist', 'the health gates need srvr, ruok, mntr and stat'],
]);

// security: secure renders every listener's TLS, SASL and the authorizer (and in ZooKeeper mode
// the brokers' TLS to ZooKeeper, ZooKeeper's own TLS and znode ACLs): a key of these would weaken
// or break what the tool set up.
const SECURE_KAFKA_KEYS = /^(ssl\..+|sasl\..+|listener\.name\..+|security\.inter\.broker\.protocol|inter\.broker\.listener\.name|listener\.security\.protocol\.map|authorizer\.class\.name|super\.users|allow\.everyone\.if\.no\.acl\.found|principal\.builder\.class|zookeeper\.ssl\..+|zookeeper\.clientCnxnSocket|zookeeper\.set\.acl)$/;
const SECURE_ZOOKEEPER_KEYS = /^(secureClientPort|serverCnxnFactory|authProvider\..+|ssl\..+|sslQuorum|portUnification|client\.portUnification)$/;

export function derivedKeyReason(kind: ConfigKind, key: string, mode: Mode, security: Security = 'none'): string | null {
  if (security === 'secure' && (kind === 'kafka' ? SECURE_KAFKA_KEYS : SECURE_ZOOKEEPER_KEYS).test(key)) {
    return kind === 'kafka' ? 'derived by security: secure (TLS, SCRAM and the authorizer are set up by the tool)' : 'derived by security: secure (ZooKeeper\'s TLS is set up by the tool)';
  }
  if (kind === 'zookeeper') {
    if (/^server\.\d+$/.test(key)) return 'the ensemble is derived from the hosts with zookeeper_id';
    return zookeeperKeys.get(key) ?? null;
  }
  const shared = kafkaKeys.get(key);
  if (shared) return shared;
  if (mode === 'zookeeper') {
    if (KRAFT_ONLY.test(key)) return 'a KRaft setting, and this cluster runs in ZooKeeper mode (cluster.kafka.mode)';
    return zookeeperModeKeys.get(key) ?? null;
  }
  if (/^controller\.quorum\./.test(key)) return 'the quorum is derived from the hosts with controller_id, and the health gates assume Kafka\'s quorum timings';
  if (/^zookeeper\./.test(key)) return 'a KRaft cluster has no ZooKeeper';
  return kraftModeKeys.get(key) ?? null;
}

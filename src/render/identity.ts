// The keys of a Kafka process's server.properties that the tool derives and nobody may override
// (src/inventory/derived-keys.ts): who the process is, where it listens, where its data lives and
// how it finds the metadata quorum. ZooKeeper mode: broker.id and zookeeper.connect; KRaft: roles,
// node.id, the controller quorum and the CONTROLLER listener.
import { hostPort } from '../inventory/derive.js';
import { hasRole, migratingToKraft, storeOf, type Cluster, type Process } from '../inventory/model.js';
import { servicePaths } from './layout.js';
import { CLIENT_LISTENER, REPLICATION_LISTENER, secureProtocolMap, securitySettings } from './security.js';
import type { Setting } from './settings.js';

export const CONTROLLER_LISTENER = 'CONTROLLER';
export const BROKER_LISTENER = 'PLAINTEXT';

const derived = (entries: Array<[string, string]>): Setting[] => entries.map(([key, value]) => ({ key, value, origin: null }));

/** The KRaft controllers (dedicated and combined), by node id; during a migration the cluster's quorum is still ZooKeeper. */
export const controllersOf = (cluster: Pick<Cluster, 'processes'>): Process[] => cluster.processes.filter((p) => hasRole(p, 'controller')).sort((a, b) => a.id - b.id);

/** KRaft: "192.168.56.11:9093,..." — the controllers as they advertise themselves. */
export function controllerEndpoints(cluster: Cluster): string {
  return controllersOf(cluster).map((p) => hostPort(p.host.address, cluster.controller.port)).join(',');
}

/** A static quorum (made by a migration from ZooKeeper): "3000@192.168.56.11:9093,...". */
export function controllerVoters(cluster: Cluster): string {
  return controllersOf(cluster).map((p) => `${p.id}@${hostPort(p.host.address, cluster.controller.port)}`).join(',');
}

/** How a KRaft process or a migrating broker finds the controllers: the fixed voters, or the bootstrap of a dynamic quorum. */
const quorumKey = (cluster: Cluster): [string, string] =>
  cluster.controller.staticQuorum || cluster.migration !== null ? ['controller.quorum.voters', controllerVoters(cluster)] : ['controller.quorum.bootstrap.servers', controllerEndpoints(cluster)];

/** The inter.broker.protocol.version a ZooKeeper-mode broker must run before it may join a migration: its own release. */
export const releaseProtocol = (version: string): string => version.split('.').slice(0, 2).join('.');

export function kafkaIdentity(cluster: Cluster, p: Process): { title: string; settings: Setting[] } {
  const where = `in cluster ${cluster.name}`;
  const dataDir = servicePaths(p.service).dataDir;
  const secure = cluster.security === 'secure';
  const store = storeOf(cluster, p);
  const migrating = migratingToKraft(cluster, p);
  const stage = migrating ? ', in migration to KRaft' : ''; // the same in every stage: a stage changes a process's settings, not its title
  const at = (name: string, port: number) => `${name}://${hostPort(p.host.address, port)}`;
  const brokerListeners = secure ? [at(CLIENT_LISTENER, cluster.broker.port), at(REPLICATION_LISTENER, cluster.broker.replicationPort)] : [at(BROKER_LISTENER, cluster.broker.port)];
  const interBroker = secure ? REPLICATION_LISTENER : BROKER_LISTENER;
  if (store === 'zookeeper') {
    const listeners = brokerListeners.join(',');
    // a migrating broker also reaches the KRaft controllers, on their CONTROLLER listener
    const protocolMap = secure ? secureProtocolMap(p, { controller: migrating }) : migrating ? `${BROKER_LISTENER}:PLAINTEXT,${CONTROLLER_LISTENER}:PLAINTEXT` : null;
    return {
      title: `server.properties for ${p.host.name} (broker.id ${p.id}${stage}) ${where}.`,
      settings: derived([
        ['broker.id', String(p.id)],
        ['listeners', listeners],
        ['advertised.listeners', listeners],
        ...(secure ? ([['inter.broker.listener.name', REPLICATION_LISTENER]] as Array<[string, string]>) : []),
        ...(protocolMap ? ([['listener.security.protocol.map', protocolMap]] as Array<[string, string]>) : []),
        ['log.dirs', dataDir],
        ['zookeeper.connect', cluster.zookeeperConnect],
        ...(migrating
          ? ([
              ['zookeeper.metadata.migration.enable', 'true'],
              quorumKey(cluster),
              ['controller.listener.names', CONTROLLER_LISTENER],
              ['inter.broker.protocol.version', releaseProtocol(cluster.kafka.version)],
            ] as Array<[string, string]>)
          : []),
        ...(secure ? securitySettings(cluster, p) : []),
      ]),
    };
  }
  const broker = hasRole(p, 'broker');
  const controller = hasRole(p, 'controller');
  const listeners = [...(broker ? brokerListeners : []), ...(controller ? [at(CONTROLLER_LISTENER, cluster.controller.port)] : [])].join(',');
  // a migrating controller sends ZooKeeper-mode brokers their metadata on the brokers' own listener
  const reachesBrokers = broker || migrating;
  const protocolMap = secure
    ? secureProtocolMap(p, { controller: true, replication: migrating })
    : [...(reachesBrokers ? [`${BROKER_LISTENER}:PLAINTEXT`] : []), `${CONTROLLER_LISTENER}:PLAINTEXT`].join(',');
  const roles = [...(broker ? ['broker'] : []), ...(controller ? ['controller'] : [])].join(',');
  return {
    title: `server.properties for ${p.host.name} (node.id ${p.id}, process.roles ${roles}${stage}) ${where}.`,
    settings: derived([
      ['process.roles', roles],
      ['node.id', String(p.id)],
      quorumKey(cluster),
      ['listeners', listeners],
      ['advertised.listeners', listeners],
      ['controller.listener.names', CONTROLLER_LISTENER],
      ...(reachesBrokers ? ([['inter.broker.listener.name', interBroker]] as Array<[string, string]>) : []),
      ['listener.security.protocol.map', protocolMap],
      ['log.dirs', dataDir],
      ...(migrating
        ? ([
            ['zookeeper.metadata.migration.enable', 'true'],
            ['zookeeper.connect', cluster.zookeeperConnect],
          ] as Array<[string, string]>)
        : []),
      ...(secure ? securitySettings(cluster, p) : []),
    ]),
  };
}

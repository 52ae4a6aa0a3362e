// The keys of a Kafka process's server.properties that the tool derives and nobody may override
// (src/inventory/derived-keys.ts): who the process is, where it listens, where its data lives and
// how it finds the metadata quorum. ZooKeeper mode: broker.id and zookeeper.connect; KRaft: roles,
// node.id, the controller quorum and the CONTROLLER listener.
import { hostPort } from '../inventory/derive.js';
import { hasRole, type Cluster, type Process } from '../inventory/model.js';
import { servicePaths } from './layout.js';
import { CLIENT_LISTENER, REPLICATION_LISTENER, secureProtocolMap, securitySettings } from './security.js';
import type { Setting } from './settings.js';

export const CONTROLLER_LISTENER = 'CONTROLLER';
export const BROKER_LISTENER = 'PLAINTEXT';

const derived = (entries: Array<[string, string]>): Setting[] => entries.map(([key, value]) => ({ key, value, origin: null }));

/** KRaft: "192.168.56.11:9093,..." — the controllers as they advertise themselves. */
export function controllerEndpoints(cluster: Cluster): string {
  return cluster.quorum.map((p) => hostPort(p.host.address, cluster.controller.port)).join(',');
}

export function kafkaIdentity(cluster: Cluster, p: Process): { title: string; settings: Setting[] } {
  const where = `in cluster ${cluster.name}`;
  const dataDir = servicePaths(p.service).dataDir;
  const secure = cluster.security === 'secure';
  const at = (name: string, port: number) => `${name}://${hostPort(p.host.address, port)}`;
  const brokerListeners = secure ? [at(CLIENT_LISTENER, cluster.broker.port), at(REPLICATION_LISTENER, cluster.broker.replicationPort)] : [at(BROKER_LISTENER, cluster.broker.port)];
  if (cluster.mode === 'zookeeper') {
    const listeners = brokerListeners.join(',');
    return {
      title: `server.properties for ${p.host.name} (broker.id ${p.id}) ${where}.`,
      settings: derived([
        ['broker.id', String(p.id)],
        ['listeners', listeners],
        ['advertised.listeners', listeners],
        ...(secure
          ? ([
              ['inter.broker.listener.name', REPLICATION_LISTENER],
              ['listener.security.protocol.map', secureProtocolMap(p, cluster.mode)],
            ] as Array<[string, string]>)
          : []),
        ['log.dirs', dataDir],
        ['zookeeper.connect', cluster.zookeeperConnect],
        ...(secure ? securitySettings(cluster, p) : []),
      ]),
    };
  }
  const broker = hasRole(p, 'broker');
  const controller = hasRole(p, 'controller');
  const listeners = [...(broker ? brokerListeners : []), ...(controller ? [at(CONTROLLER_LISTENER, cluster.controller.port)] : [])].join(',');
  const interBroker = secure ? REPLICATION_LISTENER : BROKER_LISTENER;
  const protocolMap = secure ? secureProtocolMap(p, cluster.mode) : broker ? `${BROKER_LISTENER}:PLAINTEXT,${CONTROLLER_LISTENER}:PLAINTEXT` : `${CONTROLLER_LISTENER}:PLAINTEXT`;
  const roles = [...(broker ? ['broker'] : []), ...(controller ? ['controller'] : [])].join(',');
  return {
    title: `server.properties for ${p.host.name} (node.id ${p.id}, process.roles ${roles}) ${where}.`,
    settings: derived([
      ['process.roles', roles],
      ['node.id', String(p.id)],
      ['controller.quorum.bootstrap.servers', controllerEndpoints(cluster)],
      ['listeners', listeners],
      ['advertised.listeners', listeners],
      ['controller.listener.names', CONTROLLER_LISTENER],
      ...(broker ? ([['inter.broker.listener.name', interBroker]] as Array<[string, string]>) : []),
      ['listener.security.protocol.map', protocolMap],
      ['log.dirs', dataDir],
      ...(secure ? securitySettings(cluster, p) : []),
    ]),
  };
}

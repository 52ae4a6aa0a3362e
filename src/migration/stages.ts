// The cluster at each stage of a migration from ZooKeeper to KRaft (KIP-866), as models the
// renderer, plans and gates already understand. The source is the ZooKeeper-mode inventory with
// the new controllers' controller_id; each stage is that cluster with its processes set as
// Kafka's procedure has them at that point (ops.html, "ZooKeeper to KRaft Migration"). Pure.
import { hasRole, type Cluster, type MigrationStage } from '../inventory/model.js';
import { controllersOf } from '../render/identity.js';

/**
 * Where the cluster stands, in order: "zookeeper" (no controller yet), the three stages of a
 * migration, "finalized" (controllers out of migration mode, ZooKeeper still running) and "kraft"
 * (ZooKeeper stopped: the cluster the KRaft-form inventory describes).
 */
export type ClusterStage = 'zookeeper' | MigrationStage | 'finalized' | 'kraft';

export const STAGES: readonly ClusterStage[] = ['zookeeper', 'controllers', 'dual-write', 'kraft-brokers', 'finalized', 'kraft'];

/** Keys of a broker's config that mean nothing once no broker speaks to ZooKeeper. */
export const isZookeeperKey = (key: string): boolean => key.startsWith('zookeeper.');

const withoutZookeeperKeys = (config: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(config).filter(([key]) => !isZookeeperKey(key)));

/**
 * The source with the brokers' zookeeper.* settings gone (no broker speaks to ZooKeeper from
 * kraft-brokers on) and, with `dropEnsemble`, ZooKeeper itself gone from the hosts.
 */
function brokersWithoutZookeeper(source: Cluster, dropEnsemble: boolean): Pick<Cluster, 'broker' | 'hosts' | 'processes' | 'brokers'> {
  const hosts = source.hosts.map((h) => ({ ...h, zookeeperId: dropEnsemble ? null : h.zookeeperId, brokerConfig: withoutZookeeperKeys(h.brokerConfig) }));
  const hostOf = new Map(source.hosts.map((h, i) => [h.name, hosts[i]!]));
  return {
    broker: { ...source.broker, config: withoutZookeeperKeys(source.broker.config) },
    hosts,
    processes: source.processes.filter((p) => !dropEnsemble || p.service !== 'zookeeper').map((p) => ({ ...p, host: hostOf.get(p.host.name)! })),
    brokers: source.brokers.map((b) => hostOf.get(b.name)!),
  };
}

/** The cluster at `stage`, from the ZooKeeper-mode inventory that names the controllers. */
export function stageCluster(source: Cluster, stage: ClusterStage): Cluster {
  if (source.mode !== 'zookeeper') throw new Error(`a migration starts from a ZooKeeper-mode cluster; ${source.inventoryFile} is ${source.mode}`);
  const controllerBootstrap = controllersOf(source).map((p) => `${p.host.name}:${source.controller.port}`).join(',');
  const controller = { ...source.controller, staticQuorum: true };
  if (stage === 'zookeeper') return { ...source, processes: source.processes.filter((p) => !hasRole(p, 'controller')) };
  if (stage === 'controllers' || stage === 'dual-write') return { ...source, migration: stage, controller, controllerBootstrap };
  const kraft = { ...source, mode: 'kraft' as const, controller, controllerBootstrap, ...brokersWithoutZookeeper(source, stage === 'kraft') };
  const quorum = controllersOf(kraft);
  if (stage !== 'kraft') return { ...kraft, migration: stage === 'kraft-brokers' ? stage : null, quorum };
  return { ...kraft, migration: null, quorum, ensemble: [], zookeeperConnect: '' };
}


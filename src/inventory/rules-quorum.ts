// The metadata quorum's rules. ZooKeeper mode: an ensemble of myids and unique broker ids.
// KRaft: controllers, and one node id per process across the cluster (a host whose controller_id
// equals its broker_id runs one combined process).
import type { FieldPath } from './locate.js';
import type { Mode } from './model.js';
import type { Report } from './rules.js';
import type { InventoryDoc } from './schema.js';

const DEFAULT_RESERVED_BROKER_MAX_ID = 1000;

type IdField = 'zookeeper_id' | 'broker_id' | 'controller_id';

function evenQuorum(count: number, what: string, quorum: string): string {
  return `${count} ${what}: an even-sized ${quorum} tolerates no more failures than ${count - 1} and needs a bigger majority`;
}

/** What the inventory is read for: a migration reads a ZooKeeper-mode inventory whose controller_id names the new controllers. */
export interface RuleOptions {
  migration?: boolean;
}

export function quorumRules(inv: InventoryDoc, mode: Mode, error: Report, warn: Report, opts: RuleOptions = {}): void {
  if (mode === 'zookeeper') zookeeperRules(inv, error, warn, opts);
  else kraftRules(inv, error, warn);
  if (opts.migration) migrationRules(inv, mode, error, warn);
}

/**
 * npm run migrate: a ZooKeeper-mode cluster on Kafka 3.9 (the last release with ZooKeeper, and
 * the bridge to 4.x), the new controllers on hosts of their own ids, dedicated processes
 * (KIP-866 does not migrate to combined nodes), each id distinct from every broker id.
 */
function migrationRules(inv: InventoryDoc, mode: Mode, error: Report, warn: Report): void {
  const { cluster, hosts } = inv;
  if (mode !== 'zookeeper') {
    error(['cluster', 'kafka', 'mode'], 'npm run migrate carries a ZooKeeper-mode cluster to KRaft; this inventory is already KRaft');
    return;
  }
  if (!/^3\.9\./.test(cluster.kafka.version)) error(['cluster', 'kafka', 'version'], `a migration to KRaft runs on Kafka 3.9 (the bridge release to 4.x); got ${cluster.kafka.version}: upgrade to 3.9 first (npm run provision)`);
  const brokerIds = new Map(hosts.flatMap((h, i) => (h.broker_id != null ? [[h.broker_id, i] as const] : [])));
  const controllers = hosts.flatMap((h, i) => (h.controller_id != null ? [{ h, i }] : []));
  if (controllers.length === 0) error(['hosts'], 'no controller to migrate to: give the hosts of the new KRaft controllers a controller_id (three is usual), distinct from every broker_id');
  else if (controllers.length % 2 === 0) warn(['hosts'], evenQuorum(controllers.length, 'KRaft controllers', 'quorum'));
  for (const { h, i } of controllers) {
    const owner = brokerIds.get(h.controller_id!);
    if (owner !== undefined) {
      error(['hosts', i, 'controller_id'], `${h.controller_id} is broker ${owner === i ? 'id of this host' : `id of hosts[${owner}] (${hosts[owner]!.name})`}: a migration needs dedicated controllers, each with a node id no broker has`);
    }
  }
  if (cluster.controller.metrics_port == null) error(['cluster', 'controller', 'metrics_port'], 'npm run migrate reads each phase\'s outcome from the controllers\' ZkMigrationState metric: give the controllers a metrics port');
}

function uniqueIds(inv: InventoryDoc, field: IdField, what: string, error: Report): void {
  const seen = new Map<number, number>();
  inv.hosts.forEach((host, i) => {
    const value = host[field];
    if (value == null) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else error(['hosts', i, field], `duplicate ${what} ${value} (already used by hosts[${first}], ${inv.hosts[first]!.name})`);
  });
}

function zookeeperRules(inv: InventoryDoc, error: Report, warn: Report, opts: RuleOptions): void {
  const { cluster, hosts } = inv;
  if (Number(cluster.kafka.version.split('.')[0]) >= 4) {
    // the mode is what is wrong; the ZooKeeper rules below would only echo it
    error(['cluster', 'kafka', 'mode'], `Kafka ${cluster.kafka.version} has no ZooKeeper mode (removed in 4.0): use mode: kraft and give the controller hosts a controller_id, or a 3.x version`);
    return;
  }
  uniqueIds(inv, 'zookeeper_id', 'ZooKeeper id', error);
  uniqueIds(inv, 'broker_id', 'broker id', error);
  hosts.forEach((host, i) => {
    if (host.controller_id != null && !opts.migration) {
      error(['hosts', i, 'controller_id'], 'a KRaft controller in a ZooKeeper-mode inventory: the target of a migration to KRaft, which only npm run migrate takes (the other commands: this inventory without controller_id, or the KRaft form that migrate writes with --write-inventory)');
    }
  });
  const ensemble = hosts.filter((h) => h.zookeeper_id != null);
  if (ensemble.length === 0) error(['hosts'], 'no host runs ZooKeeper: give at least one host a zookeeper_id');
  else if (ensemble.length % 2 === 0) warn(['hosts'], evenQuorum(ensemble.length, 'ZooKeeper servers', 'ensemble'));

  const maxBrokerId = Number(cluster.broker.config['reserved.broker.max.id'] ?? DEFAULT_RESERVED_BROKER_MAX_ID);
  hosts.forEach((host, i) => {
    if (host.broker_id != null && host.broker_id > maxBrokerId) {
      error(['hosts', i, 'broker_id'], `must be at most ${maxBrokerId} (reserved.broker.max.id); larger ids are reserved for generated ones`);
    }
  });
}

function kraftRules(inv: InventoryDoc, error: Report, warn: Report): void {
  const { cluster, hosts } = inv;
  const [major, minor] = cluster.kafka.version.split('.').map(Number) as [number, number];
  if (major === 3 && minor < 9) {
    const where: FieldPath = cluster.kafka.mode != null ? ['cluster', 'kafka', 'mode'] : ['cluster', 'kafka', 'version'];
    error(where, `KRaft with a dynamic controller quorum (KIP-853) needs Kafka 3.9 or newer; got ${cluster.kafka.version}`);
  }
  hosts.forEach((host, i) => {
    if (host.zookeeper_id != null) error(['hosts', i, 'zookeeper_id'], 'a KRaft cluster has no ZooKeeper (cluster.kafka.mode is kraft): give the controller hosts a controller_id instead');
  });

  // One node id per process: a combined process holds its id once, under controller_id.
  const owners = new Map<number, { i: number; field: IdField }>();
  hosts.forEach((host, i) => {
    for (const field of ['controller_id', 'broker_id'] as const) {
      const id = host[field];
      if (id == null || (field === 'broker_id' && host.controller_id === id)) continue;
      const first = owners.get(id);
      if (!first) {
        owners.set(id, { i, field });
        continue;
      }
      const holder = `hosts[${first.i}] (${hosts[first.i]!.name}) ${first.field}`;
      error(['hosts', i, field], `node id ${id} is already used by ${holder}: every process needs its own node.id (equal controller_id and broker_id on one host make one combined process)`);
    }
  });

  const controllers = hosts.filter((h) => h.controller_id != null);
  if (controllers.length === 0) error(['hosts'], 'no KRaft controller: give one or more hosts a controller_id (three is usual)');
  else if (controllers.length % 2 === 0) warn(['hosts'], evenQuorum(controllers.length, 'KRaft controllers', 'quorum'));
}

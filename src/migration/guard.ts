// After a migration is finalized there is no way back to ZooKeeper mode: the hosts carry a marker
// (layout.migratedMarker, written by the finalize phase), and a provision with a ZooKeeper-mode
// inventory (the one from before the migration, say) is refused in preflight, with nothing
// changed, instead of rendering the brokers back into ZooKeeper mode. Pure: facts in, problems out.
import type { HostFacts } from '../facts/gather.js';
import type { Cluster } from '../inventory/model.js';
import { layout } from '../render/layout.js';
import { sh } from '../core/shell.js';

export function migratedProblems(cluster: Pick<Cluster, 'mode' | 'hosts'>, facts: ReadonlyMap<string, Pick<HostFacts, 'paths'>>): string[] {
  if (cluster.mode !== 'zookeeper') return [];
  const migrated = cluster.hosts.filter((h) => facts.get(h.name)?.paths.get(layout.migratedMarker)?.type === 'file').map((h) => h.name);
  if (migrated.length === 0) return [];
  return [`${migrated.join(', ')}: the cluster was migrated to KRaft (npm run migrate; ${layout.migratedMarker}), and a ZooKeeper-mode inventory would render its brokers back into ZooKeeper mode, which Kafka cannot do after finalize: provision it with the inventory in KRaft form (npm run migrate -- --inventory <the migration's> --write-inventory F writes it)`];
}

/** The marker's command: the date and the cluster id it was finalized with. */
export const writeMarkerCommand = (clusterId: string, at: Date = new Date()): string =>
  sh`mkdir -p -- ${layout.migratedMarker.slice(0, layout.migratedMarker.lastIndexOf('/'))} && printf '%s\\n' ${`finalized ${at.toISOString()}, cluster ${clusterId}`} > ${layout.migratedMarker}`;

// `restart-cluster --only KIND[,KIND]`: the kinds of process a rolling restart takes, for an
// operator who changed something only one kind reads (a JVM setting outside the inventory, a
// host library of the Spark daemons). The chosen processes keep the whole cluster's order and
// rule (rollOrder, rollBlockers): --only narrows what rolls, never how.
import { InputError } from '../core/errors.js';
import type { Cluster, Process, Service } from '../inventory/model.js';
import { SERVICES } from '../render/layout.js';

/** The processes of the kinds named in `only` ("kafka,zookeeper"), or every process without it. */
export function restartScope(cluster: Cluster, only: string | undefined): Process[] {
  if (only === undefined) return [...cluster.processes];
  const kinds = only.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(SERVICES as readonly string[]).includes(k));
  if (unknown.length > 0) throw new InputError(`--only: ${unknown.map((k) => `"${k}"`).join(', ')} is not a kind of process; the kinds are ${SERVICES.join(', ')}`);
  const absent = kinds.filter((k) => !cluster.processes.some((p) => p.service === (k as Service)));
  if (absent.length > 0) throw new InputError(`--only: ${cluster.inventoryFile} has no ${absent.join(' or ')} process`);
  return cluster.processes.filter((p) => kinds.includes(p.service));
}

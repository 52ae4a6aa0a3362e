// Reads a process's metrics from its JMX exporter, over HTTP with a deadline. In lab mode the
// address must route through the lab bridge, as for every other connection: checked once per
// address (the dashboard scrapes every process every tick; KafkaView does the same for brokers).
import { OperationError } from '../core/errors.js';
import { getText } from '../core/http.js';
import { hostPort } from '../inventory/derive.js';
import { metricsPortOf, type Cluster, type Process } from '../inventory/model.js';
import { guardLabAddress } from '../lab/guard.js';
import { parseExposition, type Sample } from './exposition.js';

export const metricsUrl = (cluster: Pick<Cluster, 'broker' | 'controller'>, p: Process): string | null => {
  const port = metricsPortOf(cluster, p);
  return port === null ? null : `http://${hostPort(p.host.address, port)}/metrics`;
};

const routeChecked = new WeakMap<Cluster, Set<string>>();

async function guardOnce(cluster: Cluster, address: string): Promise<void> {
  const checked = routeChecked.get(cluster) ?? new Set<string>();
  if (checked.has(address)) return;
  await guardLabAddress(cluster, address);
  checked.add(address);
  routeChecked.set(cluster, checked);
}

export async function scrapeProcess(cluster: Cluster, p: Process, timeoutMs = 5000): Promise<Sample[]> {
  const url = metricsUrl(cluster, p);
  if (url === null) throw new OperationError(`${p.name}: exports no metrics (no metrics port in the inventory)`);
  await guardOnce(cluster, p.host.address);
  return parseExposition(await getText(url, p.name, timeoutMs));
}

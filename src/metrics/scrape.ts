// Reads a process's metrics from its JMX exporter, over HTTP with a deadline. In lab mode the
// address must route through the lab bridge, as for every other connection.
import { OperationError } from '../core/errors.js';
import { hostPort } from '../inventory/derive.js';
import { metricsPortOf, type Cluster, type Process } from '../inventory/model.js';
import { guardLabAddress } from '../lab/guard.js';
import { parseExposition, type Sample } from './exposition.js';

export const metricsUrl = (cluster: Pick<Cluster, 'broker' | 'controller'>, p: Process): string | null => {
  const port = metricsPortOf(cluster, p);
  return port === null ? null : `http://${hostPort(p.host.address, port)}/metrics`;
};

export async function scrapeProcess(cluster: Cluster, p: Process, timeoutMs = 5000): Promise<Sample[]> {
  const url = metricsUrl(cluster, p);
  if (url === null) throw new OperationError(`${p.name}: exports no metrics (no metrics port in the inventory)`);
  await guardLabAddress(cluster, p.host.address);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new OperationError(`${p.name}: cannot read ${url}: ${(err as Error).message}`, { cause: err });
  }
  if (!response.ok) throw new OperationError(`${p.name}: ${url} answered HTTP ${response.status}`);
  return parseExposition(await response.text());
}

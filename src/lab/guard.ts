// The lab's safety rule for every connection: in lab mode, a packet to an inventory address must
// go through the lab bridge and nowhere else (no packet may leave the machine). The SSH layer and
// tests call this before connecting.
import { OperationError } from '../core/errors.js';
import type { Cluster } from '../inventory/model.js';
import { run } from './exec.js';
import { labPaths } from './paths.js';
import { parseRouteGet, type RouteDecision } from './route.js';
import { readState, type LabState } from './state.js';

export async function routeTo(address: string): Promise<RouteDecision> {
  const { stdout } = await run(['ip', '-j', 'route', 'get', address]);
  return parseRouteGet(stdout);
}

/** The verdict on one route decision, separate so it is testable without a kernel. */
export function checkRoute(address: string, route: RouteDecision, bridge: string): string | null {
  if (route.dev !== bridge) {
    return `refusing to connect to ${address}: it routes via ${route.dev}${route.gateway ? ` (gateway ${route.gateway})` : ''}, not the lab bridge ${bridge}; is the lab up (npm run lab:up)?`;
  }
  if (route.gateway) return `refusing to connect to ${address}: it routes through gateway ${route.gateway}`;
  return null;
}

export async function assertRoutedViaLab(address: string, bridge: string): Promise<void> {
  const problem = checkRoute(address, await routeTo(address), bridge);
  if (problem) throw new OperationError(problem);
}

/** This inventory's lab, if one is up (state.json of the same cluster), else null. */
export async function labFor(cluster: Pick<Cluster, 'name' | 'baseDir' | 'ssh'>): Promise<LabState | null> {
  const state = await readState(labPaths(cluster).stateFile);
  return state && state.cluster === cluster.name ? state : null;
}

/**
 * Call before connecting to `address` of `cluster`. In lab mode the route must use the lab
 * bridge; with `required` (tests, the demo), no lab is an error rather than "real hosts".
 */
export async function guardLabAddress(
  cluster: Pick<Cluster, 'name' | 'baseDir' | 'ssh'>,
  address: string,
  options: { required?: boolean } = {},
): Promise<LabState | null> {
  const lab = await labFor(cluster);
  if (!lab) {
    if (options.required) throw new OperationError(`no lab is up for ${cluster.name} (npm run lab:up); refusing to connect to ${address}`);
    return null;
  }
  await assertRoutedViaLab(address, lab.bridge);
  return lab;
}

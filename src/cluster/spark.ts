// The Spark standalone cluster as the lifecycle sees it: its master's state read from the web
// console (HTTP from the control machine, after the lab route check), and the gates that follow
// a start or a restart: the master ALIVE, every worker registered.
import { OperationError } from '../core/errors.js';
import { getText } from '../core/http.js';
import { hostPort } from '../inventory/derive.js';
import { hasRole, type Cluster, type Process } from '../inventory/model.js';
import { parseMasterState, type SparkMasterState } from '../spark/master-state.js';
import { sparkProblems } from '../spark/rules.js';
import type { Ctx } from './context.js';
import { awaitGate } from './gates.js';

export const SPARK_DEADLINE_MS = 90_000;

export const sparkMasterOf = (cluster: Cluster): Process | null => cluster.processes.find((p) => hasRole(p, 'spark-master')) ?? null;
export const sparkWorkersOf = (cluster: Cluster): Process[] => cluster.processes.filter((p) => hasRole(p, 'spark-worker'));

/** The master's web console, as users open it (by address: their machine may not know the lab's names). */
export const sparkWebUi = (cluster: Cluster, master: Process): string => `http://${hostPort(master.host.address, cluster.spark.webuiPort)}/`;

export async function readSparkMaster(ctx: Ctx, timeoutMs = 5000): Promise<SparkMasterState> {
  const master = sparkMasterOf(ctx.cluster);
  if (!master) throw new OperationError('no host of the inventory runs a Spark master');
  const url = `${sparkWebUi(ctx.cluster, master)}json/`;
  await ctx.guard(master.host.address);
  return parseMasterState(await getText(url, master.name, timeoutMs));
}

/** The master ALIVE and every worker of `workers` ALIVE (with `renewed`: under a new registration). */
export function waitSpark(ctx: Ctx, workers: readonly Process[] = sparkWorkersOf(ctx.cluster), renewed: ReadonlyMap<string, string> = new Map()): Promise<SparkMasterState> {
  const master = sparkMasterOf(ctx.cluster)!;
  let error = '';
  return awaitGate(ctx, {
    expected: `Spark master ALIVE${workers.length > 0 ? ` with workers ${workers.map((w) => w.host.name).join(', ')} registered` : ''}`,
    deadlineMs: SPARK_DEADLINE_MS,
    read: () => readSparkMaster(ctx).catch((e: Error) => ((error = e.message), null)),
    failing: (state) => sparkProblems(state, master, workers, renewed, error).map((f) => ({ host: f.process.host.name, service: f.process.service, seen: f.seen })),
  }) as Promise<SparkMasterState>;
}

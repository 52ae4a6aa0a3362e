// Cluster-wide commands: ordered start (ZooKeeper quorum, then brokers), ordered stop (brokers
// with the controller last, then ZooKeeper followers before the leader), rolling restart. Each
// holds the provisioner lock; what already runs or is already stopped is left alone and reported.
import { OperationError } from '../cli/errors.js';
import { readProcesses } from '../facts/run.js';
import { forEachHost, valuesOrThrow } from '../remote/fanout.js';
import { rollBrokers, startBrokers, stopBrokers } from './brokers.js';
import type { Ctx } from './context.js';
import { acquireLock } from './lock.js';
import type { ServiceOutcome } from './services.js';
import { rollEnsemble, startEnsemble, stopEnsemble } from './zookeeper.js';

/** Runs `fn` holding the lock on the first ZooKeeper host (the first host without one). */
export async function withClusterLock<T>(ctx: Ctx, command: string, fn: () => Promise<T>): Promise<T> {
  const lockHost = ctx.cluster.ensemble[0]?.host ?? ctx.cluster.hosts[0]!.name;
  const lock = await acquireLock(await ctx.sessions.session(lockHost), command, (m) => ctx.progress.note(m));
  try {
    return await fn();
  } finally {
    await lock.release().catch((err: Error) => ctx.progress.note(`warning: could not release the lock on ${lockHost}: ${err.message}`));
  }
}

export interface LifecycleReport {
  ok: boolean;
  zookeeper: ServiceOutcome[];
  brokers: ServiceOutcome[];
  elapsed_ms: number;
}

const timed = async (fn: () => Promise<Omit<LifecycleReport, 'elapsed_ms' | 'ok'>>): Promise<LifecycleReport> => {
  const t = performance.now();
  const r = await fn();
  return { ok: true, ...r, elapsed_ms: Math.round(performance.now() - t) };
};

export function startCluster(ctx: Ctx): Promise<LifecycleReport> {
  return withClusterLock(ctx, 'start-cluster', () =>
    timed(async () => {
      const zookeeper = await startEnsemble(ctx);
      const brokers = await startBrokers(ctx);
      return { zookeeper, brokers };
    }),
  );
}

export function stopCluster(ctx: Ctx): Promise<LifecycleReport> {
  return withClusterLock(ctx, 'stop-cluster', () =>
    timed(async () => {
      const brokers = await stopBrokers(ctx);
      const zookeeper = await stopEnsemble(ctx);
      await assertNothingRuns(ctx);
      return { zookeeper, brokers };
    }),
  );
}

/** After a stop, no pidfile on any host may still name a live service process. */
async function assertNothingRuns(ctx: Ctx): Promise<void> {
  const procs = valuesOrThrow(await forEachHost(ctx.cluster.hosts, 8, async (h) => readProcesses(await ctx.sessions.session(h.name))));
  const left = [...procs].flatMap(([host, p]) => Object.values(p).filter((x) => x.running).map((x) => `${host}/${x.service} pid ${x.pid}`));
  if (left.length > 0) throw new OperationError(`still running after stop: ${left.join(', ')}`);
}

export interface RestartReport {
  ok: boolean;
  /** "<host>/<service>" in the order they were restarted */
  restarted: string[];
  elapsed_ms: number;
}

export function restartCluster(ctx: Ctx): Promise<RestartReport> {
  return withClusterLock(ctx, 'restart-cluster', async () => {
    const t = performance.now();
    const zk = await rollEnsemble(ctx);
    const ids = await rollBrokers(ctx);
    const name = (id: number): string => ctx.cluster.brokers.find((b) => b.brokerId === id)!.name;
    return {
      ok: true,
      restarted: [...zk.map((h) => `${h}/zookeeper`), ...ids.map((id) => `${name(id)}/kafka`)],
      elapsed_ms: Math.round(performance.now() - t),
    };
  });
}

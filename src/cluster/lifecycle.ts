// Cluster-wide commands over processes. Start: the metadata quorum (every member at once: a
// quorum needs a majority), its gate, then the processes that are only brokers, and the broker
// gate; then the Spark master and its gate, the Spark workers and theirs. Stop: Spark (workers,
// then the master), brokers one at a time (controlled shutdown, the active controller last), then
// the quorum, followers first, the leader last. Restart: rolling (roll.ts). Each holds the
// provisioner lock; what already runs or is already stopped is left alone and reported.
import { OperationError } from '../core/errors.js';
import { NO_CLOCK, type PhaseMarks } from '../core/phase-clock.js';
import { readProcesses } from '../facts/run.js';
import { hasRole, isSpark, type Process } from '../inventory/model.js';
import { forEachHost, valuesOrThrow } from '../remote/fanout.js';
import type { Ctx } from './context.js';
import { acquireLock } from './lock.js';
import { leaderLast, majority, quorumOf, waitQuorum } from './quorum/index.js';
import { waitRegistered } from './registration.js';
import { isQuorumMember, rollProcesses, stopOrder } from './roll.js';
import { sparkWorkersOf, waitSpark } from './spark.js';
import { processOf, startService, stopService, type Rolled, type ServiceOutcome } from './services.js';

/** Runs `fn` holding the lock on the first quorum member's host (the first host without one). */
export async function withClusterLock<T>(ctx: Ctx, command: string, fn: () => Promise<T>): Promise<T> {
  const lockHost = ctx.cluster.quorum[0]?.host.name ?? ctx.cluster.hosts[0]!.name;
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
  /** dedicated KRaft controllers */
  controllers: ServiceOutcome[];
  /** processes with the broker role (combined ones too) */
  brokers: ServiceOutcome[];
  /** the Spark master and workers */
  spark: ServiceOutcome[];
  elapsed_ms: number;
}

const timed = async (fn: () => Promise<ServiceOutcome[]>): Promise<LifecycleReport> => {
  const t = performance.now();
  const outcomes = await fn();
  const of = (...services: string[]) => outcomes.filter((o) => services.includes(o.service));
  return {
    ok: true,
    zookeeper: of('zookeeper'),
    controllers: of('controller'),
    brokers: of('kafka'),
    spark: of('spark-master', 'spark-worker'),
    elapsed_ms: Math.round(performance.now() - t),
  };
};

/** Starts the processes (at once) that do not run; every failure is reported. */
async function startAll(ctx: Ctx, processes: readonly Process[]): Promise<ServiceOutcome[]> {
  const outcomes = await forEachHost(processes.map((p) => ({ name: p.name, p })), 8, ({ p }) => startService(ctx, p.host.name, p.service));
  return [...valuesOrThrow(outcomes).values()];
}

/**
 * The quorum members among `processes` start, then its gate; then the brokers, then the broker
 * gate; then the Spark master and its gate, then the Spark workers and theirs.
 */
export async function startProcesses(ctx: Ctx, processes: readonly Process[], clock: PhaseMarks = NO_CLOCK): Promise<ServiceOutcome[]> {
  const kafka = processes.filter((p) => !isSpark(p));
  const out = kafka.length > 0 ? await startKafka(ctx, kafka, clock) : [];
  const spark = processes.filter(isSpark);
  if (spark.length > 0) out.push(...(await startSpark(ctx, spark, clock)));
  return out;
}

async function startSpark(ctx: Ctx, processes: readonly Process[], clock: PhaseMarks): Promise<ServiceOutcome[]> {
  const out: ServiceOutcome[] = [];
  for (const role of ['spark-master', 'spark-worker'] as const) {
    const group = processes.filter((p) => hasRole(p, role));
    if (group.length === 0) continue;
    ctx.progress.note(`Spark: starting ${group.map((p) => p.name).join(', ')}`);
    out.push(...(await startAll(ctx, group)));
    const state = await waitSpark(ctx, role === 'spark-master' ? [] : sparkWorkersOf(ctx.cluster));
    clock.mark(role === 'spark-master' ? 'Spark master: alive (gate)' : 'Spark workers: registered (gate)');
    if (role === 'spark-worker') ctx.progress.note(`Spark: ${state.workers.filter((w) => w.state === 'ALIVE').length} workers ALIVE at ${state.url}`);
  }
  return out;
}

async function startKafka(ctx: Ctx, processes: readonly Process[], clock: PhaseMarks): Promise<ServiceOutcome[]> {
  const members = processes.filter(isQuorumMember);
  const brokers = processes.filter((p) => !isQuorumMember(p));
  const out: ServiceOutcome[] = [];
  if (members.length > 0) {
    ctx.progress.note(`metadata quorum: starting ${members.map((p) => p.name).join(', ')}`);
    out.push(...(await startAll(ctx, members)));
    clock.mark('metadata quorum: processes launched');
  }
  const state = await waitQuorum(ctx);
  clock.mark('metadata quorum: healthy (gate)');
  ctx.progress.note(`metadata quorum: ${state.members.map((m) => `${m.process.name}=${m.role}`).join(', ')}`);
  if (brokers.length > 0) {
    const procs = await Promise.all(brokers.map(async (p) => ({ p, fact: await processOf(ctx, p.host.name, p.service) })));
    const crashed = procs.filter(({ fact }) => !fact.running && fact.crashed).map(({ p }) => p.id);
    const othersRunning = await Promise.all(ctx.cluster.brokers.map((b) => processOf(ctx, b.name, 'kafka'))).then((f) => f.some((x) => x.running));
    const quorum = quorumOf(ctx.cluster);
    await quorum.awaitStaleRegistrations(ctx, crashed, othersRunning);
    await quorum.beforeBrokersStart(ctx, othersRunning);
    ctx.progress.note(`Kafka: starting brokers on ${brokers.map((p) => p.host.name).join(', ')}`);
    out.push(...(await startAll(ctx, brokers)));
    clock.mark('brokers: processes launched');
  }
  if (processes.some((p) => hasRole(p, 'broker'))) {
    const reg = await waitRegistered(ctx);
    clock.mark('brokers: registered (gate)');
    ctx.progress.note(`Kafka: brokers [${reg.brokers.join(', ')}] registered, controller ${reg.controller}`);
  }
  return out;
}

export function startCluster(ctx: Ctx): Promise<LifecycleReport> {
  return withClusterLock(ctx, 'start-cluster', () => timed(() => startProcesses(ctx, ctx.cluster.processes)));
}

/**
 * Spark first (workers, then the master), brokers one at a time, then the quorum, followers first. A broker's controlled shutdown needs
 * a quorum: once the running members would drop below a majority, the rest of them (combined
 * brokers among them) stop together, as a broker left alone without a quorum never finishes.
 */
async function stopProcesses(ctx: Ctx): Promise<ServiceOutcome[]> {
  const quorum = quorumOf(ctx.cluster);
  const state = await quorum.read(ctx);
  const controller = await quorum.activeController(ctx, state);
  const order = stopOrder(ctx.cluster.processes, state.leader, controller);
  ctx.progress.note(`stopping ${order.map((p) => p.name).join(', ')}`);
  await ctx.kafka.close(); // our admin connection must not hold a broker's shutdown up
  const out: ServiceOutcome[] = [];
  for (const p of order.filter((x) => !isQuorumMember(x))) out.push(await stopService(ctx, p.host.name, p.service));
  const members = leaderLast(state.members, state.leader);
  const need = majority(members.length);
  for (const [i, m] of members.entries()) {
    const rest = members.slice(i);
    const runningAfter = rest.slice(1).filter((x) => x.pid !== null).length;
    if (rest.some((x) => hasRole(x.process, 'broker')) && m.pid !== null && runningAfter < need) {
      ctx.progress.note(`stopping ${rest.map((x) => x.process.name).join(', ')} together: fewer than ${need} would leave no quorum for a broker's controlled shutdown`);
      const outcomes = await forEachHost(rest.map((x) => ({ name: x.process.name, p: x.process })), 8, ({ p }) => stopService(ctx, p.host.name, p.service));
      out.push(...valuesOrThrow(outcomes).values());
      break;
    }
    out.push(await stopService(ctx, m.process.host.name, m.process.service));
  }
  return out;
}

export function stopCluster(ctx: Ctx): Promise<LifecycleReport> {
  return withClusterLock(ctx, 'stop-cluster', () =>
    timed(async () => {
      const outcomes = await stopProcesses(ctx);
      await assertNothingRuns(ctx);
      return outcomes;
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
  /** process -> the role that placed it in the order (follower / leader, broker / controller) */
  roles: Record<string, string>;
  /** process -> the process its group kept for last when its turn came: the quorum leader, or the active controller among brokers */
  leaders: Record<string, string | null>;
  elapsed_ms: number;
}

export const rolesOf = (rolled: Rolled[]): Pick<RestartReport, 'roles' | 'leaders'> => ({
  roles: Object.fromEntries(rolled.map((r) => [r.process, r.role])),
  leaders: Object.fromEntries(rolled.map((r) => [r.process, r.leader])),
});

/** A rolling restart of `processes` (every process by default: see restartScope), in the cluster's order and under its rule. */
export function restartCluster(ctx: Ctx, processes: readonly Process[] = ctx.cluster.processes): Promise<RestartReport> {
  return withClusterLock(ctx, 'restart-cluster', async () => {
    const t = performance.now();
    const rolled = await rollProcesses(ctx, processes);
    return { ok: true, restarted: rolled.map((r) => r.process), ...rolesOf(rolled), elapsed_ms: Math.round(performance.now() - t) };
  });
}

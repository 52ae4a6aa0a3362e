// Rolling restarts and upgrades, one process at a time. The order is data (rollOrder): the
// metadata quorum first, followers before the leader, then the processes that are only brokers,
// the active controller last, then the Spark workers and the Spark master; it is decided again
// before every step, so a leader that moved is still rolled last. One rule (rollBlockers) decides
// whether any process may stop now: a quorum member only while the others keep a caught-up
// majority, a broker only while no partition would lose its last in-sync replica (a combined
// process obeys both), a Spark worker only while every other worker is ALIVE.
import { hasRole, isSpark, type Process } from '../inventory/model.js';
import { aliveWorkerOn, type SparkMasterState } from '../spark/master-state.js';
import { sparkBlockers, sparkRollOrder } from '../spark/rules.js';
import { waitNoUnderReplicated } from './brokers.js';
import type { Ctx } from './context.js';
import { awaitGate } from './gates.js';
import { leaderLast, quorumBlockers, quorumOf, waitQuorum, type QuorumState } from './quorum/index.js';
import { waitRegistered } from './registration.js';
import { controllerLast, restartBlockers, summarizeBlockers, type PartitionState } from './safety.js';
import { startService, stopService, type Rolled, type ServiceOutcome } from './services.js';
import { readSparkMaster, sparkWorkersOf, waitSpark } from './spark.js';

export const CAN_ROLL_DEADLINE_MS = 120_000;

export const isQuorumMember = (p: Process): boolean => hasRole(p, 'zookeeper') || hasRole(p, 'controller');

/** Kafka's processes in order: the quorum members (followers, then the leader); the other brokers (the active controller last). */
function kafkaOrder(processes: readonly Process[], leader: Process | null, controller: number | null): { members: Process[]; brokers: Process[] } {
  const members = leaderLast(processes.filter(isQuorumMember).map((process) => ({ process })), leader).map((m) => m.process);
  const brokers = processes.filter((p) => !isQuorumMember(p) && hasRole(p, 'broker'));
  const ids = controllerLast(brokers.map((p) => p.id), controller);
  return { members, brokers: ids.map((id) => brokers.find((p) => p.id === id)!) };
}

/** The processes in rolling order, given the quorum leader and the active controller: Kafka's (the quorum first), then Spark's. */
export function rollOrder(processes: readonly Process[], leader: Process | null, controller: number | null): Process[] {
  const kafka = kafkaOrder(processes, leader, controller);
  return [...kafka.members, ...kafka.brokers, ...sparkRollOrder(processes)];
}

/** The order of a stop: what uses Kafka first (Spark's workers, then its master), then the brokers, the quorum last. */
export function stopOrder(processes: readonly Process[], leader: Process | null, controller: number | null): Process[] {
  const kafka = kafkaOrder(processes, leader, controller);
  return [...sparkRollOrder(processes), ...kafka.brokers, ...kafka.members];
}

/** What each rule reads; null where the process has no such role. */
export interface RollView {
  quorum: QuorumState | null;
  partitions: readonly PartitionState[] | null;
  spark: SparkMasterState | null;
}

/** Why `p` may not stop now; empty when it may. `workers`: every Spark worker of the cluster. */
export function rollBlockers(p: Process, view: RollView, workers: readonly Process[] = []): string[] {
  const blockers = isQuorumMember(p) && view.quorum ? quorumBlockers(p, view.quorum) : [];
  const partitionBlockers = hasRole(p, 'broker') && view.partitions ? restartBlockers(p.id, view.partitions) : [];
  if (partitionBlockers.length > 0) blockers.push(summarizeBlockers(partitionBlockers));
  return [...blockers, ...sparkBlockers(p, view.spark, workers)];
}

/** What a process's place in the order came from: its quorum role, broker / controller, or its Spark role. */
export function roleOf(p: Process, quorum: QuorumState, controller: number | null): string {
  if (isQuorumMember(p)) return quorum.members.find((m) => m.process.name === p.name)?.role ?? 'not serving';
  if (isSpark(p)) return p.roles[0]!;
  return p.id === controller ? 'controller' : 'broker';
}

/**
 * The process the order kept for last when `p`'s turn came: for a quorum member the quorum leader,
 * for a broker the broker that is the active controller (null where there is none, or where the
 * active controller is a dedicated controller). When it is not `p` and was rolled before `p`, the
 * leadership moved during the roll: `p` goes last as a follower and no second election follows.
 */
export function keptLastFor(p: Process, quorum: QuorumState, controller: number | null, processes: readonly Process[]): string | null {
  if (isQuorumMember(p)) return quorum.leader?.name ?? null;
  if (isSpark(p) || controller === null) return null;
  return processes.find((b) => hasRole(b, 'broker') && !isQuorumMember(b) && b.id === controller)?.name ?? null;
}

function waitCanRoll(ctx: Ctx, p: Process): Promise<unknown> {
  const member = isQuorumMember(p);
  const broker = hasRole(p, 'broker');
  const worker = hasRole(p, 'spark-worker');
  const what = p.service === 'kafka' && !member ? `broker ${p.id}` : p.name;
  const rules = [
    member && 'the quorum keeps a caught-up majority',
    broker && 'no partition would lose its last in-sync replica',
    worker && 'every other Spark worker is ALIVE',
    hasRole(p, 'spark-master') && 'always: workers and applications re-register after a restart',
  ].filter(Boolean).join(', and ');
  const quorum = quorumOf(ctx.cluster);
  const workers = sparkWorkersOf(ctx.cluster);
  return awaitGate(ctx, {
    expected: `${what} safe to stop (${rules})`,
    deadlineMs: CAN_ROLL_DEADLINE_MS,
    read: async (): Promise<RollView> => ({
      quorum: member ? await quorum.read(ctx) : null,
      partitions: broker ? (await ctx.kafka.snapshot()).partitions : null,
      spark: worker ? await readSparkMaster(ctx).catch(() => null) : null,
    }),
    failing: (v) => {
      const blockers = rollBlockers(p, v, workers);
      return blockers.length === 0 ? [] : [{ host: p.host.name, service: p.service, seen: blockers.join('; ') }];
    },
  });
}

/** One process down and up again, behind the gates of its roles. */
export async function restartProcess(ctx: Ctx, p: Process): Promise<ServiceOutcome> {
  const host = p.host.name;
  ctx.progress.host(host, `${p.service}: waiting until it is safe to stop`);
  await waitCanRoll(ctx, p);
  // a restarted worker must register again: its old registration may still show ALIVE for a while
  const before = hasRole(p, 'spark-worker') ? await readSparkMaster(ctx).catch(() => null) : null;
  const old = before ? aliveWorkerOn(before, p.host)?.id : undefined;
  await stopService(ctx, host, p.service);
  const started = await startService(ctx, host, p.service);
  if (isSpark(p)) await waitSpark(ctx, sparkWorkersOf(ctx.cluster), old ? new Map([[p.name, old]]) : new Map());
  if (isQuorumMember(p)) await waitQuorum(ctx);
  if (hasRole(p, 'broker')) {
    await waitRegistered(ctx);
    ctx.progress.host(host, `${p.service}: waiting for broker ${p.id} to catch up`);
    await waitNoUnderReplicated(ctx, p.id);
  }
  ctx.progress.host(host, `${p.service} restarted (pid ${started.pid ?? '?'}), gates passed`);
  return started;
}

/** The given processes (all by default), one at a time in rolling order. */
export async function rollProcesses(ctx: Ctx, processes: readonly Process[] = ctx.cluster.processes): Promise<Rolled[]> {
  const quorum = quorumOf(ctx.cluster);
  const remaining = [...processes];
  const rolled: Rolled[] = [];
  while (remaining.length > 0) {
    const state = await quorum.read(ctx);
    const controller = await quorum.activeController(ctx, state);
    const next = rollOrder(remaining, state.leader, controller)[0]!;
    const role = roleOf(next, state, controller);
    const leader = keptLastFor(next, state, controller, ctx.cluster.processes);
    if (leader !== null && leader !== next.name && rolled.some((r) => r.process === leader)) {
      ctx.progress.note(`${next.name}: the ${role === 'broker' ? 'active controller' : 'quorum leader'} moved during the roll to ${leader}, already restarted; ${next.name} goes as a ${role}`);
    }
    await restartProcess(ctx, next);
    rolled.push({ process: next.name, role, leader });
    remaining.splice(remaining.indexOf(next), 1);
  }
  return rolled;
}

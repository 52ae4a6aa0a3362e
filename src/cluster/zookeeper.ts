// The ZooKeeper ensemble: its state by `srvr` on every member, the quorum gate (every member
// answers and exactly one is the leader), ordered start, stop (followers first, leader last)
// and the rolling restart of one member.
import { readProcesses, readSrvr } from '../facts/run.js';
import type { ZkMode } from '../facts/srvr.js';
import { forEachHost } from '../remote/fanout.js';
import type { Ctx } from './context.js';
import { awaitGate } from './gates.js';
import { leaderLast } from './safety.js';
import { startService, stopService, type ServiceOutcome } from './services.js';

export interface ZkMember {
  host: string;
  mode: ZkMode | null;
  pid: number | null;
  version: string | null;
  /** what srvr answered, shortened (or the error) */
  seen: string;
}

export const ZK_QUORUM_DEADLINE_MS = 60_000;

export async function readEnsemble(ctx: Ctx): Promise<ZkMember[]> {
  const outcomes = await forEachHost(ctx.cluster.ensemble.map((m) => ({ name: m.host })), 8, async ({ name }) => {
    const session = await ctx.sessions.session(name);
    const [srvr, procs] = await Promise.all([readSrvr(session, ctx.cluster.zookeeper.clientPort), readProcesses(session)]);
    return { host: name, mode: srvr.mode, pid: procs.zookeeper.pid, version: srvr.version, seen: srvr.raw };
  });
  return outcomes.map((o) => (o.ok ? o.value : { host: o.host, mode: null, pid: null, version: null, seen: `error: ${(o.error as Error).message}` }));
}

/** Why the ensemble is not a healthy quorum, per member (empty = healthy). */
export function quorumProblems(members: ZkMember[]): Array<{ host: string; service: 'zookeeper'; seen: string }> {
  const silent = members.filter((m) => m.mode === null);
  if (silent.length > 0) return silent.map((m) => ({ host: m.host, service: 'zookeeper', seen: m.seen }));
  const leaders = members.filter((m) => m.mode === 'leader' || m.mode === 'standalone');
  if (leaders.length === 1) return [];
  const modes = members.map((m) => `${m.host}=${m.mode}`).join(', ');
  return members.map((m) => ({ host: m.host, service: 'zookeeper', seen: `${leaders.length} leaders (${modes})` }));
}

export function waitQuorum(ctx: Ctx): Promise<ZkMember[]> {
  return awaitGate(ctx, {
    expected: `every ZooKeeper member answering srvr and exactly one leader (${ctx.cluster.ensemble.map((m) => m.host).join(', ')})`,
    deadlineMs: ZK_QUORUM_DEADLINE_MS,
    read: () => readEnsemble(ctx),
    failing: quorumProblems,
  });
}

/** Starts every member that is not running (in parallel: a quorum needs a majority at once), then waits for the quorum. */
export async function startEnsemble(ctx: Ctx, hosts = ctx.cluster.ensemble.map((m) => m.host)): Promise<ServiceOutcome[]> {
  ctx.progress.note(`ZooKeeper: starting ${hosts.join(', ')}`);
  const outcomes = await forEachHost(hosts.map((name) => ({ name })), 8, ({ name }) => startService(ctx, name, 'zookeeper'));
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) throw (failed[0] as { error: unknown }).error;
  const members = await waitQuorum(ctx);
  ctx.progress.note(`ZooKeeper quorum: ${members.map((m) => `${m.host}=${m.mode}`).join(', ')}`);
  return outcomes.map((o) => (o as { value: ServiceOutcome }).value);
}

/** Followers first, the leader last, one at a time. */
export async function stopEnsemble(ctx: Ctx): Promise<ServiceOutcome[]> {
  const order = leaderLast(await readEnsemble(ctx));
  ctx.progress.note(`ZooKeeper: stopping ${order.map((m) => `${m.host}${m.mode ? ` (${m.mode})` : ''}`).join(', ')}`);
  const out: ServiceOutcome[] = [];
  for (const m of order) out.push(await stopService(ctx, m.host, 'zookeeper'));
  return out;
}

/** One member down and up again, then the quorum gate before the next. */
export async function restartMember(ctx: Ctx, host: string): Promise<ServiceOutcome> {
  await stopService(ctx, host, 'zookeeper');
  const started = await startService(ctx, host, 'zookeeper');
  await waitQuorum(ctx);
  ctx.progress.host(host, `zookeeper restarted (pid ${started.pid ?? '?'}), quorum healthy`);
  return started;
}

/** The given members (all by default) in rolling order: followers first, the leader last. */
export async function rollEnsemble(ctx: Ctx, hosts?: string[]): Promise<string[]> {
  const wanted = new Set(hosts ?? ctx.cluster.ensemble.map((m) => m.host));
  const order = leaderLast(await readEnsemble(ctx)).filter((m) => wanted.has(m.host));
  for (const m of order) await restartMember(ctx, m.host);
  return order.map((m) => m.host);
}

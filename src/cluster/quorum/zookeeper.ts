// The ZooKeeper ensemble as the metadata quorum: each member's `srvr` answer (asked on the host,
// so no ZooKeeper port needs to be reachable from here) and its pidfile. A member is caught up
// when it serves; the leader is the one member answering "Mode: leader" (or standalone).
import { readProcesses, readSrvr } from '../../facts/run.js';
import type { Process } from '../../inventory/model.js';
import { forEachHost } from '../../remote/fanout.js';
import type { Ctx } from '../context.js';
import { awaitGate } from '../gates.js';
import { brokerSettings } from '../../render/settings.js';
import { tlsFiles } from '../../render/security.js';
import type { MemberState, MetadataQuorum, QuorumState } from './types.js';
import { bootstrapZookeeperAdmin } from './zookeeper-admin.js';

/** zookeeper.session.timeout.ms (18 s by default here) plus margin */
export const STALE_REGISTRATION_DEADLINE_MS = 45_000;

async function readMember(ctx: Ctx, p: Process): Promise<MemberState> {
  const session = await ctx.sessions.session(p.host.name);
  const tls = ctx.cluster.security === 'secure' ? tlsFiles(p) : null;
  const [srvr, procs] = await Promise.all([readSrvr(session, ctx.cluster.zookeeper.clientPort, tls), readProcesses(session)]);
  const role = srvr.mode === 'read-only' ? null : srvr.mode;
  return { process: p, role, caughtUp: role !== null, lag: null, pid: procs.zookeeper.pid, version: srvr.version, seen: srvr.raw };
}

export function readEnsemble(ctx: Ctx): Promise<QuorumState> {
  return forEachHost(ctx.cluster.quorum.map((p) => ({ name: p.host.name, p })), 8, ({ p }) => readMember(ctx, p)).then((outcomes) => {
    const members = outcomes.map((o, i): MemberState => {
      if (o.ok) return o.value;
      return { process: ctx.cluster.quorum[i]!, role: null, caughtUp: false, lag: null, pid: null, version: null, seen: `error: ${(o.error as Error).message}` };
    });
    const leaders = members.filter((m) => m.role === 'leader' || m.role === 'standalone');
    return { mode: 'zookeeper', members, leader: leaders.length === 1 ? leaders[0]!.process : null };
  });
}

/** How long ZooKeeper keeps a dead broker's session (and its registration), as rendered. */
export function sessionTimeoutMs(ctx: Ctx): number {
  const first = ctx.cluster.brokers[0];
  const value = first ? brokerSettings(ctx.cluster, first).find((s) => s.key === 'zookeeper.session.timeout.ms')?.value : undefined;
  return Number(value ?? 18_000);
}

export const zookeeperQuorum: MetadataQuorum = {
  read: readEnsemble,

  beforeBrokersStart: bootstrapZookeeperAdmin,

  async activeController(ctx) {
    return ctx.kafka.brokers().then((v) => v.controller, () => null);
  },

  /**
   * A broker that died without a clean stop stays registered until its ZooKeeper session
   * expires; a new process with the same id would fail with NodeExists. When another broker can
   * be asked, wait until the metadata no longer lists the crashed ones; when none runs, nobody
   * can be asked, so wait out the session timeout once.
   */
  async awaitStaleRegistrations(ctx, crashed, othersRunning) {
    if (crashed.length === 0) return;
    const hostOf = (id: number): string => ctx.cluster.brokers.find((b) => b.brokerId === id)?.name ?? `broker ${id}`;
    if (!othersRunning) {
      const ms = sessionTimeoutMs(ctx) + 2000;
      ctx.progress.note(`Kafka: brokers [${crashed.join(', ')}] died without a clean stop and no broker runs; waiting ${ms / 1000} s for their ZooKeeper sessions to expire`);
      await new Promise((r) => setTimeout(r, ms));
      return;
    }
    ctx.progress.note(`Kafka: brokers [${crashed.join(', ')}] died without a clean stop; waiting until their registrations expire`);
    await awaitGate(ctx, {
      expected: `stale registrations of brokers [${crashed.join(', ')}] expired (ZooKeeper session timeout)`,
      deadlineMs: STALE_REGISTRATION_DEADLINE_MS,
      read: async () => (await ctx.kafka.brokers()).brokers,
      failing: (listed) => crashed.filter((id) => listed.includes(id)).map((id) => ({ host: hostOf(id), service: 'kafka' as const, seen: `broker ${id} still registered by a process that no longer runs` })),
    });
  },
};

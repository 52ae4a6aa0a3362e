// The KRaft controller quorum as the metadata quorum: DescribeQuorum, asked of the controllers
// themselves (only the active one answers it), and each member's pidfile. A voter is caught up
// when it runs and the leader last saw it at the leader's own log end within the fetch timeout
// (Strimzi's rule; both timestamps are the leader's, so no clock is compared with another).
import { readProcesses } from '../../facts/run.js';
import type { Process } from '../../inventory/model.js';
import type { QuorumDescription } from '../../kafka/types.js';
import { forEachHost } from '../../remote/fanout.js';
import type { Ctx } from '../context.js';
import type { MemberState, MetadataQuorum, QuorumState } from './types.js';

/** controller.quorum.fetch.timeout.ms (Kafka's default): a voter further behind is not caught up. */
export const FETCH_TIMEOUT_MS = 2000;

export interface MemberProcess {
  pid: number | null;
  version: string | null;
}

export const versionOf = (dist: string | null): string | null => dist?.match(/-(\d+\.\d+\.\d+.*)$/)?.[1] ?? null;

/**
 * Pure: the members' states from a DescribeQuorum answer (or why there is none) and their
 * pidfiles; without pidfiles (null: verify asks only the network) the answer alone decides.
 */
export function kraftState(quorum: Process[], d: QuorumDescription | Error, procs: Map<string, MemberProcess | Error> | null): QuorumState {
  const leaderEntry = d instanceof Error ? undefined : d.voters.find((v) => v.id === d.leaderId);
  const members = quorum.map((p): MemberState => {
    const proc = procs?.get(p.name);
    const pid = proc instanceof Error || !proc ? null : proc.pid;
    const version = proc instanceof Error || !proc ? null : proc.version;
    const state = (role: MemberState['role'], caughtUp: boolean, lag: number | null, seen: string): MemberState => ({ process: p, role, caughtUp, lag, pid, version, seen });
    if (proc instanceof Error) return state(null, false, null, `error: ${proc.message}`);
    if (procs && pid === null) return state(null, false, null, 'process not running');
    if (d instanceof Error) return state(null, false, null, `no quorum answer: ${d.message}`);
    const voter = d.voters.find((v) => v.id === p.id);
    if (!voter) return state(d.observers.some((o) => o.id === p.id) ? 'observer' : null, false, null, `node ${p.id} is not a voter of the quorum (voters ${d.voters.map((v) => v.id).join(', ')})`);
    const lag = d.highWatermark >= 0 && voter.logEndOffset >= 0 ? Math.max(0, d.highWatermark - voter.logEndOffset) : null;
    if (p.id === d.leaderId) return state('leader', d.highWatermark >= 0, lag, `leader, epoch ${d.leaderEpoch}, high watermark ${d.highWatermark}`);
    const behindMs = leaderEntry && voter.lastCaughtUpTimestamp >= 0 ? leaderEntry.lastCaughtUpTimestamp - voter.lastCaughtUpTimestamp : null;
    const caughtUp = d.highWatermark >= 0 && behindMs !== null && behindMs <= FETCH_TIMEOUT_MS;
    const seen = behindMs === null ? 'follower, not yet caught up with the leader' : `follower, lag ${lag ?? '?'}, last caught up ${behindMs} ms before the leader`;
    return state('follower', caughtUp, lag, seen);
  });
  const leader = d instanceof Error ? null : quorum.find((p) => p.id === d.leaderId) ?? null;
  return { mode: 'kraft', members, leader };
}

async function readMemberProcesses(ctx: Ctx): Promise<Map<string, MemberProcess | Error>> {
  const outcomes = await forEachHost(ctx.cluster.quorum.map((p) => ({ name: p.name, p })), 8, async ({ p }) => {
    const fact = (await readProcesses(await ctx.sessions.session(p.host.name)))[p.service];
    return { pid: fact.pid, version: versionOf(fact.dist) };
  });
  return new Map(outcomes.map((o) => [o.host, o.ok ? o.value : (o.error as Error)]));
}

export const kraftQuorum: MetadataQuorum = {
  async read(ctx) {
    const [procs, description] = await Promise.all([readMemberProcesses(ctx), ctx.kafka.quorum().catch((e: Error) => e)]);
    return kraftState(ctx.cluster.quorum, description, procs);
  },
  async activeController(_ctx, state) {
    return state.leader?.id ?? null;
  },
  async awaitStaleRegistrations() {
    // A restarted broker registers again with a new incarnation; nothing lingers to wait for.
  },
  async beforeBrokersStart() {
    // The SCRAM admin is written when the storage is formatted, before any process starts.
  },
};

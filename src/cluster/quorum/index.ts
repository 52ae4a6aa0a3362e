// The metadata quorum of a cluster, and the gate every start and roll waits on.
import type { Cluster } from '../../inventory/model.js';
import type { Ctx } from '../context.js';
import { awaitGate } from '../gates.js';
import { kraftQuorum } from './kraft.js';
import { quorumProblems } from './rules.js';
import type { MetadataQuorum, QuorumState } from './types.js';
import { zookeeperQuorum } from './zookeeper.js';

export type { MemberState, MetadataQuorum, QuorumRole, QuorumState } from './types.js';
export { leaderLast, majority, quorumBlockers, quorumProblems } from './rules.js';

export const QUORUM_DEADLINE_MS = 90_000;

export const quorumOf = (cluster: Pick<Cluster, 'mode'>): MetadataQuorum => (cluster.mode === 'kraft' ? kraftQuorum : zookeeperQuorum);

/** What the quorum gate waits for, for messages. */
export function quorumExpectation(cluster: Cluster): string {
  const names = cluster.quorum.map((p) => p.host.name).join(', ');
  return cluster.mode === 'kraft'
    ? `a KRaft quorum leader and every controller caught up (${names})`
    : `every ZooKeeper member answering srvr and exactly one leader (${names})`;
}

export function waitQuorum(ctx: Ctx): Promise<QuorumState> {
  const quorum = quorumOf(ctx.cluster);
  return awaitGate(ctx, {
    expected: quorumExpectation(ctx.cluster),
    deadlineMs: QUORUM_DEADLINE_MS,
    read: () => quorum.read(ctx),
    failing: quorumProblems,
  });
}

// Pure rules over a quorum state: is it healthy (the gate), may this member stop now (a majority
// of the other members must stay caught up, Strimzi's rule for controllers), and the order in
// which members stop or roll (followers first, the leader last).
import type { Process, Service } from '../../inventory/model.js';
import type { MemberState, QuorumState } from './types.js';

export interface Failing {
  host: string;
  service: Service;
  seen: string;
}

const failing = (m: MemberState, seen = m.seen): Failing => ({ host: m.process.host.name, service: m.process.service, seen });

export const majority = (members: number): number => Math.floor(members / 2) + 1;

/** Why the quorum is not healthy, per member (empty = one leader and every member caught up). */
export function quorumProblems(state: QuorumState): Failing[] {
  const { members } = state;
  const silent = members.filter((m) => m.role === null);
  if (silent.length > 0) return silent.map((m) => failing(m));
  const leaders = members.filter((m) => m.role === 'leader' || m.role === 'standalone');
  if (leaders.length !== 1) {
    const roles = members.map((m) => `${m.process.host.name}=${m.role}`).join(', ');
    return members.map((m) => failing(m, `${leaders.length} leaders (${roles})`));
  }
  return members.filter((m) => !m.caughtUp).map((m) => failing(m));
}

/** Why `p` may not stop now (empty: it may): the others must keep a caught-up majority. */
export function quorumBlockers(p: Process, state: QuorumState): string[] {
  if (!state.members.some((m) => m.process.name === p.name)) return [];
  const others = state.members.filter((m) => m.process.name !== p.name);
  const caughtUp = others.filter((m) => m.caughtUp && m.role !== null);
  const need = majority(state.members.length);
  if (caughtUp.length >= need) return [];
  const behind = others.filter((m) => !caughtUp.includes(m)).map((m) => `${m.process.name}: ${m.seen}`);
  return [`stopping ${p.name} would leave ${caughtUp.length} of ${state.members.length} quorum members caught up, and a quorum needs ${need}${behind.length > 0 ? ` (${behind.join('; ')})` : ''}`];
}

/** Members in stop/roll order: the others first (by id), the leader last. */
export function leaderLast<T extends { process: Process }>(members: readonly T[], leader: Process | null): T[] {
  const byId = [...members].sort((a, b) => a.process.id - b.process.id);
  return [...byId.filter((m) => m.process.name !== leader?.name), ...byId.filter((m) => m.process.name === leader?.name)];
}

import { describe, expect, it } from 'vitest';
import { kraftState, type MemberProcess } from '../../src/cluster/quorum/kraft.js';
import { leaderLast, majority, quorumBlockers, quorumProblems } from '../../src/cluster/quorum/rules.js';
import type { MemberState, QuorumState } from '../../src/cluster/quorum/types.js';
import { parseInventory } from '../../src/inventory/load.js';
import type { QuorumDescription, QuorumReplica } from '../../src/kafka/types.js';

const hosts = (extra: string) => [1, 2, 3].map((i) => `  - { name: n${i}, address: 10.0.0.${i}, ${extra.replaceAll('#', String(i))} }`).join('\n');
const zk = parseInventory('i.yaml', `cluster: { name: q }\nhosts:\n${hosts('zookeeper_id: #, broker_id: #')}\n`).cluster;
const kraft = parseInventory('i.yaml', `cluster: { name: q, kafka: { version: "4.4.0" } }\nhosts:\n${hosts('controller_id: #, broker_id: #')}\n`).cluster;

const member = (i: number, role: MemberState['role'], caughtUp = role !== null, seen = `Mode: ${role}`): MemberState =>
  ({ process: zk.quorum[i]!, role, caughtUp, lag: null, pid: 1, version: '3.8.4', seen });
const state = (members: MemberState[]): QuorumState => ({ mode: 'zookeeper', members, leader: members.find((m) => m.role === 'leader')?.process ?? null });

describe('quorumProblems', () => {
  it('healthy: all answer, exactly one leader, all caught up', () => {
    expect(quorumProblems(state([member(0, 'follower'), member(1, 'leader'), member(2, 'follower')]))).toEqual([]);
  });
  it('names the members that do not answer, with what was seen', () => {
    expect(quorumProblems(state([member(0, 'follower'), member(1, null, false, 'no answer on 127.0.0.1:2181'), member(2, 'leader')]))).toEqual([
      { host: 'n2', service: 'zookeeper', seen: 'no answer on 127.0.0.1:2181' },
    ]);
  });
  it('refuses zero or two leaders', () => {
    expect(quorumProblems(state([member(0, 'follower'), member(1, 'follower')]))[0]?.seen).toBe('0 leaders (n1=follower, n2=follower)');
    expect(quorumProblems(state([member(0, 'leader'), member(1, 'leader')]))).toHaveLength(2);
  });
  it('names a member that serves but is not caught up', () => {
    expect(quorumProblems(state([member(0, 'leader'), member(1, 'follower', false, 'follower, lag 40'), member(2, 'follower')]))).toEqual([
      { host: 'n2', service: 'zookeeper', seen: 'follower, lag 40' },
    ]);
  });
});

describe('quorumBlockers: a member may stop only while the others keep a caught-up majority', () => {
  it('allows any one of three healthy members', () => {
    const s = state([member(0, 'follower'), member(1, 'leader'), member(2, 'follower')]);
    for (const p of zk.quorum) expect(quorumBlockers(p, s)).toEqual([]);
  });
  it('refuses when another member is already down or behind', () => {
    const s = state([member(0, 'follower'), member(1, 'leader'), member(2, null, false, 'process not running')]);
    expect(quorumBlockers(zk.quorum[0]!, s)).toEqual(['stopping n1/zookeeper would leave 1 of 3 quorum members caught up, and a quorum needs 2 (n3/zookeeper: process not running)']);
    // the member that is down itself may "stop" (restart): the other two are a majority
    expect(quorumBlockers(zk.quorum[2]!, s)).toEqual([]);
  });
  it('ignores processes that are not members', () => {
    expect(quorumBlockers(zk.processes.find((p) => p.service === 'kafka')!, state([]))).toEqual([]);
  });
  it('majority', () => {
    expect([1, 2, 3, 4, 5].map(majority)).toEqual([1, 2, 2, 3, 3]);
  });
});

describe('leaderLast', () => {
  it('the others by id, the leader last', () => {
    const s = state([member(2, 'follower'), member(0, 'leader'), member(1, null)]);
    expect(leaderLast(s.members, s.leader).map((m) => m.process.name)).toEqual(['n2/zookeeper', 'n3/zookeeper', 'n1/zookeeper']);
    expect(leaderLast(s.members, null).map((m) => m.process.name)).toEqual(['n1/zookeeper', 'n2/zookeeper', 'n3/zookeeper']);
  });
});

describe('kraftState: DescribeQuorum and pidfiles -> member states', () => {
  const replica = (id: number, leo: number, caughtUp: number): QuorumReplica => ({ id, directoryId: `d${id}`, logEndOffset: leo, lastFetchTimestamp: caughtUp, lastCaughtUpTimestamp: caughtUp });
  const running = new Map<string, MemberProcess>(kraft.quorum.map((p) => [p.name, { pid: 100 + p.id, version: '4.4.0' }]));
  const d = (voters: QuorumReplica[], hw = 500): QuorumDescription => ({ leaderId: 2, leaderEpoch: 7, highWatermark: hw, voters, observers: [] });

  it('leader, and followers caught up within the fetch timeout (by the leader\'s own clock)', () => {
    const s = kraftState(kraft.quorum, d([replica(1, 500, 10_000), replica(2, 500, 11_000), replica(3, 499, 9_500)]), running);
    expect(s.leader?.name).toBe('n2/kafka');
    expect(s.members.map((m) => [m.process.name, m.role, m.caughtUp, m.lag])).toEqual([
      ['n1/kafka', 'follower', true, 0],
      ['n2/kafka', 'leader', true, 0],
      ['n3/kafka', 'follower', true, 1],
    ]);
    expect(quorumProblems(s)).toEqual([]);
  });

  it('a follower the leader last saw more than the fetch timeout ago, or never, is behind', () => {
    const s = kraftState(kraft.quorum, d([replica(1, 300, 8_000), replica(2, 500, 11_000), replica(3, -1, -1)]), running);
    expect(s.members.map((m) => m.caughtUp)).toEqual([false, true, false]);
    expect(s.members[0]!.seen).toBe('follower, lag 200, last caught up 3000 ms before the leader');
    expect(s.members[2]!.seen).toBe('follower, not yet caught up with the leader');
    expect(quorumBlockers(kraft.quorum[1]!, s)).toHaveLength(1);
  });

  it('right after a leader change (high watermark -1) nobody counts as caught up', () => {
    const s = kraftState(kraft.quorum, d([replica(1, 500, 11_000), replica(2, 500, 11_000), replica(3, 500, 11_000)], -1), running);
    expect(s.members.every((m) => !m.caughtUp)).toBe(true);
  });

  it('a member whose process does not run is not serving, whatever the leader last saw', () => {
    const stopped = new Map(running).set('n3/kafka', { pid: null, version: null });
    const s = kraftState(kraft.quorum, d([replica(1, 500, 11_000), replica(2, 500, 11_000), replica(3, 500, 11_000)]), stopped);
    expect(s.members[2]).toMatchObject({ role: null, caughtUp: false, seen: 'process not running' });
  });

  it('no answer from any controller: every member says why', () => {
    const s = kraftState(kraft.quorum, new Error('connection refused'), running);
    expect(s.leader).toBeNull();
    expect(s.members.map((m) => m.seen)).toEqual(kraft.quorum.map(() => 'no quorum answer: connection refused'));
  });
});

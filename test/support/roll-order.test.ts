import { describe, expect, it } from 'vitest';
import { leaderLastProblems } from './roll-order.js';

const group = ['n1/kafka', 'n2/kafka', 'n3/kafka'];
const report = (roles: string[], leaders: Array<string | null>) => ({
  roles: Object.fromEntries(group.map((p, i) => [p, roles[i]!])),
  leaders: Object.fromEntries(group.map((p, i) => [p, leaders[i]!])),
});
const FL: [string, string] = ['follower', 'leader'];

describe('leaderLastProblems', () => {
  it('followers first, the leader last', () => {
    expect(leaderLastProblems(group, report(['follower', 'follower', 'leader'], ['n3/kafka', 'n3/kafka', 'n3/kafka']), FL)).toEqual([]);
  });
  it('a leader that moved during the roll to a process rolled before: the last goes as a follower', () => {
    expect(leaderLastProblems(group, report(['follower', 'follower', 'follower'], ['n3/kafka', 'n3/kafka', 'n1/kafka']), FL)).toEqual([]);
  });
  it('the leader rolled first is a problem', () => {
    expect(leaderLastProblems(group, report(['leader', 'follower', 'follower'], ['n1/kafka', 'n3/kafka', 'n2/kafka']), FL)).toEqual([
      'n1/kafka: rolled as "leader" before the last of n1/kafka, n2/kafka, n3/kafka; expected "follower"',
    ]);
  });
  it('the last rolled as a follower while it was the leader, or while no leader had moved, is a problem', () => {
    expect(leaderLastProblems(group, report(['follower', 'follower', 'follower'], ['n3/kafka', 'n3/kafka', 'n3/kafka']), FL)).toHaveLength(2);
    expect(leaderLastProblems(group, report(['follower', 'follower', 'follower'], ['n3/kafka', 'n3/kafka', null]), FL)).toEqual([
      'n3/kafka: rolled last as "follower" while the leader was none; expected it to be the leader',
    ]);
  });
});

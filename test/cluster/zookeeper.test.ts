import { describe, expect, it } from 'vitest';
import { quorumProblems, type ZkMember } from '../../src/cluster/zookeeper.js';

const m = (host: string, mode: ZkMember['mode'], seen = `Mode: ${mode}`): ZkMember => ({ host, mode, pid: 1, version: '3.8.4', seen });

describe('quorumProblems', () => {
  it('healthy: all answer, exactly one leader', () => {
    expect(quorumProblems([m('a', 'follower'), m('b', 'leader'), m('c', 'follower')])).toEqual([]);
    expect(quorumProblems([m('a', 'standalone')])).toEqual([]);
  });
  it('names the members that do not answer, with what was seen', () => {
    expect(quorumProblems([m('a', 'follower'), m('b', null, 'no answer on 127.0.0.1:2181'), m('c', 'leader')])).toEqual([
      { host: 'b', service: 'zookeeper', seen: 'no answer on 127.0.0.1:2181' },
    ]);
  });
  it('refuses zero or two leaders', () => {
    expect(quorumProblems([m('a', 'follower'), m('b', 'follower')])[0]?.seen).toBe('0 leaders (a=follower, b=follower)');
    expect(quorumProblems([m('a', 'leader'), m('b', 'leader')])).toHaveLength(2);
  });
});

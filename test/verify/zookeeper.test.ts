import { describe, expect, it } from 'vitest';
import { askEnsemble, ensembleCheck, zookeeperChecks, type ZkAnswer } from '../../src/verify/zookeeper.js';

const srvr = (mode: string) =>
  `Zookeeper version: 3.8.4-9316c2a7a97e1666d8f4593f34dd6fc36ecc436c, built on 2024-02-12 22:16 UTC\nLatency min/avg/max: 0/0.5/3\nReceived: 31\nSent: 30\nConnections: 2\nOutstanding: 0\nZxid: 0x10000002a\nMode: ${mode}\nNode count: 35\n`;
const NOT_SERVING = 'This ZooKeeper instance is not currently serving requests\n';
const answer = (host: string, ruok: string | Error, s: string | Error): ZkAnswer => ({ host, endpoint: `${host}:2181`, ruok, srvr: s });

describe('zookeeperChecks', () => {
  it('passes a healthy three-member ensemble with one leader', () => {
    const checks = zookeeperChecks([answer('node01', 'imok', srvr('follower')), answer('node02', 'imok', srvr('leader')), answer('node03', 'imok', srvr('follower'))]);
    expect(checks.map((c) => c.name)).toEqual([
      'zookeeper node01 ruok', 'zookeeper node01 srvr', 'zookeeper node02 ruok', 'zookeeper node02 srvr',
      'zookeeper node03 ruok', 'zookeeper node03 srvr', 'zookeeper ensemble has one leader',
    ]);
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks[0]!.detail).toBe('imok from node01:2181');
    expect(checks[1]!.detail).toBe('Mode: follower, zxid 0x10000002a, latency min/avg/max 0/0.5/3 ms, 35 znodes, 0 outstanding');
    expect(checks[6]!.detail).toBe('leader node02, followers node01, node03');
  });

  it('fails the member that is down and the ensemble when no one leads', () => {
    const down = new Error('ruok to 10.0.0.3:2181: connection refused (ZooKeeper not running?)');
    const checks = zookeeperChecks([answer('node01', 'imok', NOT_SERVING), answer('node02', 'imok', NOT_SERVING), answer('node03', down, down)]);
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(byName['zookeeper node01 ruok']!.ok).toBe(true);
    expect(byName['zookeeper node01 srvr']).toEqual({
      name: 'zookeeper node01 srvr', ok: false,
      detail: 'node01:2181 is not serving: "This ZooKeeper instance is not currently serving requests"',
    });
    expect(byName['zookeeper node03 ruok']).toMatchObject({ ok: false, detail: down.message });
    expect(byName['zookeeper ensemble has one leader']).toEqual({
      name: 'zookeeper ensemble has one leader', ok: false,
      detail: 'no leader: node01 not serving, node02 not serving, node03 not serving',
    });
  });

  it('fails ruok answered with anything but imok (e.g. not whitelisted)', () => {
    const [ruok] = zookeeperChecks([answer('node01', 'ruok is not executed because it is not in the whitelist.\n', srvr('standalone'))]);
    expect(ruok).toMatchObject({ ok: false, detail: 'node01:2181 answered "ruok is not executed because it is not in the whitelist." instead of imok' });
  });
});

describe('ensembleCheck', () => {
  it('two leaders is a split ensemble', () => {
    const c = ensembleCheck([answer('a', 'imok', srvr('leader')), answer('b', 'imok', srvr('leader')), answer('c', 'imok', srvr('follower'))]);
    expect(c).toMatchObject({ ok: false, detail: '2 leaders (a, b): split ensemble? a leader, b leader, c follower' });
  });
  it('a standalone member inside a three-member ensemble is wrong', () => {
    const c = ensembleCheck([answer('a', 'imok', srvr('leader')), answer('b', 'imok', srvr('follower')), answer('c', 'imok', srvr('standalone'))]);
    expect(c).toMatchObject({ ok: false, detail: 'leader a, but not every other member follows: a leader, b follower, c standalone' });
  });
  it('a single-member ensemble must be standalone', () => {
    expect(ensembleCheck([answer('a', 'imok', srvr('standalone'))]).ok).toBe(true);
    expect(ensembleCheck([answer('a', 'imok', NOT_SERVING)]).ok).toBe(false);
    expect(ensembleCheck([]).ok).toBe(false);
  });
});

describe('askEnsemble', () => {
  const cluster = {
    zookeeper: { clientPort: 2181 } as never,
    ensemble: [{ id: 1, host: 'node01', address: '10.9.0.1' }, { id: 2, host: 'node02', address: '10.9.0.2' }],
  };

  it('never connects to an address the guard refuses', async () => {
    const asked: string[] = [];
    const answers = await askEnsemble(
      cluster,
      async (address) => {
        if (address === '10.9.0.2') throw new Error('refusing to connect to 10.9.0.2: it routes via eth0');
      },
      async (address, port, word) => (asked.push(`${address}:${port} ${word}`), word === 'ruok' ? 'imok' : srvr('follower')),
    );
    expect(asked.sort()).toEqual(['10.9.0.1:2181 ruok', '10.9.0.1:2181 srvr']);
    expect(answers[1]!.ruok).toBeInstanceOf(Error);
    expect(zookeeperChecks(answers).find((c) => c.name === 'zookeeper node02 srvr')).toMatchObject({ ok: false, detail: 'refusing to connect to 10.9.0.2: it routes via eth0' });
  });
});

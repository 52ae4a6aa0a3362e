import { afterEach, describe, expect, it, vi } from 'vitest';
import { FanOutError, forEachHost, mapHosts } from '../../src/remote/fanout.js';

const hosts = Array.from({ length: 9 }, (_, i) => ({ name: `node${i + 1}` }));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function tracker(): { run: <T>(fn: () => Promise<T>) => Promise<T>; max: () => number } {
  let active = 0;
  let max = 0;
  return {
    run: async (fn) => {
      active++;
      max = Math.max(max, active);
      try {
        return await fn();
      } finally {
        active--;
      }
    },
    max: () => max,
  };
}

afterEach(() => void vi.useRealTimers());

describe('forEachHost', () => {
  it.each([1, 2, 4, 20])('never runs more than limit=%i at once, and uses the limit', async (limit) => {
    const t = tracker();
    const outcomes = await forEachHost(hosts, limit, (h) => t.run(async () => (await sleep(15), h.name.toUpperCase())));
    expect(t.max()).toBe(Math.min(limit, hosts.length));
    expect(outcomes.map((o) => (o.ok ? o.value : null))).toEqual(hosts.map((h) => h.name.toUpperCase()));
  });

  it('attempts every host even when some fail, keeping input order and timing each host', async () => {
    vi.useFakeTimers(); // setTimeout and performance.now: each host's time is exact
    const ms = [50, 10, 40, 20, 30, 10, 50, 20, 40]; // they finish out of input order
    const seen: string[] = [];
    const running = forEachHost(hosts, 3, async (h) => {
      seen.push(h.name);
      await sleep(ms[hosts.indexOf(h)]!);
      if (h.name === 'node2' || h.name === 'node7') throw new Error(`${h.name} broke`);
      return h.name;
    });
    await vi.runAllTimersAsync();
    const outcomes = await running;
    expect(seen.sort()).toEqual(hosts.map((h) => h.name).sort());
    expect(outcomes.map((o) => o.host)).toEqual(hosts.map((h) => h.name));
    expect(outcomes.filter((o) => !o.ok).map((o) => o.host)).toEqual(['node2', 'node7']);
    expect(outcomes.map((o) => o.ms)).toEqual(ms); // its own time, not its time in the queue
  });

  it.each([[1, 450], [3, 150], [9, 50]])('with limit=%i, nine 50 ms hosts take %i ms', async (limit, total) => {
    vi.useFakeTimers();
    const t0 = performance.now();
    const running = forEachHost(hosts, limit, () => sleep(50));
    await vi.runAllTimersAsync();
    await running;
    expect(performance.now() - t0).toBe(total);
  });

  it('rejects a limit that is not a positive integer', async () => {
    await expect(forEachHost(hosts, 0, async () => 1)).rejects.toThrow(/positive integer/);
    await expect(forEachHost(hosts, 1.5, async () => 1)).rejects.toThrow(/positive integer/);
  });

  it('handles no hosts', async () => {
    expect(await forEachHost([], 3, async () => 1)).toEqual([]);
  });
});

describe('mapHosts', () => {
  it('returns name -> value when all succeed', async () => {
    const values = await mapHosts(hosts.slice(0, 3), 2, async (h) => h.name.length);
    expect([...values]).toEqual([['node1', 5], ['node2', 5], ['node3', 5]]);
  });

  it('throws one error naming every failed host with its message', async () => {
    const err = await mapHosts(hosts.slice(0, 4), 2, async (h) => {
      if (h.name !== 'node1') throw new Error(`disk full on ${h.name}\nsecond line`);
      return 1;
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FanOutError);
    const e = err as FanOutError;
    expect(e.exitCode).toBe(1);
    expect(e.failures.map((f) => f.host)).toEqual(['node2', 'node3', 'node4']);
    expect(e.message).toBe(
      '3 of 4 hosts failed:\n' +
        '  node2: disk full on node2\n    second line\n' +
        '  node3: disk full on node3\n    second line\n' +
        '  node4: disk full on node4\n    second line',
    );
  });
});

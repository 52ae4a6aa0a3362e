import { describe, expect, it } from 'vitest';
import { overlaps, parseRouteGet, routeConflicts } from '../../src/lab/route.js';

describe('route parsing', () => {
  it('reads the device and gateway of `ip -j route get`', () => {
    expect(parseRouteGet('[{"dst":"192.168.56.11","dev":"kcpabcdef","prefsrc":"192.168.56.1","flags":[],"uid":0,"cache":[]}]')).toEqual({
      dst: '192.168.56.11',
      dev: 'kcpabcdef',
      gateway: null,
    });
    expect(parseRouteGet('[{"dst":"192.168.56.11","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.2"}]')).toEqual({
      dst: '192.168.56.11',
      dev: 'eth0',
      gateway: '192.0.2.1',
    });
    expect(() => parseRouteGet('[]')).toThrow(/unexpected/);
  });

  it('compares prefixes', () => {
    expect(overlaps('192.168.56.0/24', '192.168.56.0/24')).toBe(true);
    expect(overlaps('192.168.0.0/16', '192.168.56.0/24')).toBe(true);
    expect(overlaps('192.168.56.128/25', '192.168.56.0/24')).toBe(true);
    expect(overlaps('192.168.56.11', '192.168.56.0/24')).toBe(true);
    expect(overlaps('192.168.57.0/24', '192.168.56.0/24')).toBe(false);
    expect(overlaps('0.0.0.0/0', '192.168.56.0/24')).toBe(true);
    expect(overlaps('default', '192.168.56.0/24')).toBe(false);
  });

  const routes = JSON.stringify([
    { dst: 'default', gateway: '192.0.2.1', dev: 'eth0' },
    { dst: '192.0.2.0/24', dev: 'eth0', prefsrc: '192.0.2.2' },
  ]);
  const addrs = JSON.stringify([
    { ifname: 'lo', addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8 }] },
    { ifname: 'eth0', addr_info: [{ family: 'inet', local: '192.0.2.2', prefixlen: 24 }] },
  ]);

  it('sees no conflict on a machine that only has a default route', () => {
    expect(routeConflicts(routes, addrs, '192.168.56.0/24', 'kcpabcdef')).toEqual([]);
  });

  it('reports a VirtualBox host-only network on the lab subnet', () => {
    const vbox = JSON.stringify([...JSON.parse(routes), { dst: '192.168.56.0/24', dev: 'vboxnet0', prefsrc: '192.168.56.1' }]);
    const vboxAddrs = JSON.stringify([...JSON.parse(addrs), { ifname: 'vboxnet0', addr_info: [{ family: 'inet', local: '192.168.56.1', prefixlen: 24 }] }]);
    expect(routeConflicts(vbox, vboxAddrs, '192.168.56.0/24', 'kcpabcdef')).toEqual([
      'route 192.168.56.0/24 dev vboxnet0 overlaps the lab subnet 192.168.56.0/24',
      'address 192.168.56.1/24 on vboxnet0 is inside the lab subnet 192.168.56.0/24',
    ]);
  });

  it("ignores the lab's own bridge and names another lab's", () => {
    const ours = JSON.stringify([{ dst: '192.168.56.0/24', dev: 'kcpabcdef' }]);
    expect(routeConflicts(ours, '[]', '192.168.56.0/24', 'kcpabcdef')).toEqual([]);
    const other = JSON.stringify([{ dst: '192.168.56.0/24', dev: 'kcp123456' }]);
    expect(routeConflicts(other, '[]', '192.168.56.0/24', 'kcpabcdef')[0]).toMatch(/another lab: run lab:down with its inventory, or `npm run lab -- clean`/);
  });

  it('reports a wider route through a gateway', () => {
    const wide = JSON.stringify([{ dst: '192.168.0.0/16', gateway: '192.0.2.254', dev: 'eth0' }]);
    expect(routeConflicts(wide, '[]', '192.168.56.0/24', 'kcpabcdef')).toEqual([
      'route 192.168.0.0/16 via 192.0.2.254 dev eth0 overlaps the lab subnet 192.168.56.0/24',
    ]);
  });
});

// Pure readers of `ip -j` output: where a packet to an address would go, and which existing
// routes or addresses would clash with the lab's subnet.
import { parseIPv4 } from './naming.js';

export interface RouteDecision {
  dst: string;
  dev: string;
  gateway: string | null;
}

/** `ip -j route get ADDR` -> the device (and gateway, if any) the kernel picks. */
export function parseRouteGet(json: string): RouteDecision {
  const routes = JSON.parse(json) as Array<{ dst?: string; dev?: string; gateway?: string; type?: string }>;
  const first = routes[0];
  if (!first || typeof first.dev !== 'string') throw new Error(`unexpected ip route get output: ${json.trim()}`);
  return { dst: first.dst ?? '', dev: first.dev, gateway: first.gateway ?? null };
}

interface RouteEntry {
  dst: string;
  dev?: string;
  gateway?: string;
}
interface AddrEntry {
  ifname: string;
  addr_info?: Array<{ family?: string; local?: string; prefixlen?: number }>;
}

function toInt(address: string): number | null {
  const ip = parseIPv4(address);
  return ip ? ((ip[0] << 24) | (ip[1] << 16) | (ip[2] << 8) | ip[3]) >>> 0 : null;
}

function cidr(text: string): { base: number; length: number } | null {
  const [addr, len] = text.split('/');
  const base = addr === undefined ? null : toInt(addr);
  const length = len === undefined ? 32 : Number(len);
  if (base === null || !Number.isInteger(length) || length < 0 || length > 32) return null;
  const mask = length === 0 ? 0 : (~0 << (32 - length)) >>> 0;
  return { base: (base & mask) >>> 0, length };
}

export function overlaps(a: string, b: string): boolean {
  const x = cidr(a);
  const y = cidr(b);
  if (!x || !y) return false;
  const length = Math.min(x.length, y.length);
  const mask = length === 0 ? 0 : (~0 << (32 - length)) >>> 0;
  return ((x.base & mask) >>> 0) === ((y.base & mask) >>> 0);
}

/**
 * Routes (`ip -j -4 route show`) and addresses (`ip -j -4 addr show`) that already claim part of
 * the lab subnet on another device, e.g. a VirtualBox host-only network. The default route is
 * not a claim: the lab's /24 is more specific, and that is the point.
 */
export function routeConflicts(routesJson: string, addrsJson: string, subnet: string, bridge: string): string[] {
  const conflicts: string[] = [];
  for (const r of JSON.parse(routesJson) as RouteEntry[]) {
    if (r.dst === 'default' || r.dev === bridge) continue;
    if (overlaps(r.dst, subnet)) {
      const hint = r.dev?.startsWith('kcp') ? ' (another lab: run lab:down with its inventory, or `npm run lab -- clean` to remove every lab)' : '';
      conflicts.push(`route ${r.dst}${r.gateway ? ` via ${r.gateway}` : ''} dev ${r.dev ?? '?'} overlaps the lab subnet ${subnet}${hint}`);
    }
  }
  for (const link of JSON.parse(addrsJson) as AddrEntry[]) {
    if (link.ifname === bridge) continue;
    for (const a of link.addr_info ?? []) {
      if (a.family === 'inet' && a.local && overlaps(`${a.local}/${a.prefixlen ?? 32}`, subnet)) {
        conflicts.push(`address ${a.local}/${a.prefixlen ?? 32} on ${link.ifname} is inside the lab subnet ${subnet}`);
      }
    }
  }
  return [...new Set(conflicts)];
}

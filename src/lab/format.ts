// Human-readable output of the lab commands (the --json output is the report object itself).
import type { DownReport } from './down.js';
import type { FaultReport } from './faults.js';
import type { LabStatus } from './status.js';
import type { UpReport } from './up.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

export function formatUp(r: UpReport): string {
  const rows = [['HOST', 'ADDRESS', 'PID', 'ACTION'], ...r.hosts.map((h) => [h.name, h.address, String(h.pid), h.action + (h.healed ? ' (healed partition)' : '')])];
  const leftovers = [...r.removed_leftovers.namespaces, ...r.removed_leftovers.links];
  return [
    `lab up on bridge ${r.bridge} (${r.gateway})`,
    table(rows),
    ...(leftovers.length > 0 ? [`removed leftovers: ${leftovers.join(', ')}`] : []),
    `ssh: identity ${r.identity_file}, known_hosts ${r.known_hosts}`,
  ].join('\n');
}

export function formatDown(r: DownReport): string {
  const what = [...r.removed.namespaces, ...r.removed.links];
  return what.length === 0 && r.removed.processes === 0
    ? `lab already down${r.purged ? '; host disks removed' : ''}`
    : `lab down: removed ${what.join(', ')}; stopped ${r.removed.processes} processes${r.purged ? '; host disks removed' : ''}`;
}

export function formatStatus(s: LabStatus): string {
  const rows = [
    ['HOST', 'ADDRESS', 'STATE', 'PID1', 'NETWORK', 'PROCESSES'],
    ...s.hosts.map((h) => [
      h.name,
      h.address,
      h.up ? 'up' : 'down',
      h.pid === null ? '-' : String(h.pid),
      !h.linked ? '-' : h.partitioned ? 'partitioned' : 'connected',
      String(h.processes.length),
    ]),
  ];
  const detail = s.hosts
    .filter((h) => h.processes.length > 0)
    .map((h) => `${h.name}:\n${h.processes.map((p) => `  ${String(p.host_pid ?? '?').padStart(5)}  ${p.command.slice(0, 110)}`).join('\n')}`);
  return [`bridge ${s.bridge} (${s.subnet}): ${s.bridge_present ? 'present' : 'absent'}; lab ${s.up ? 'up' : 'not fully up'}`, table(rows), ...detail].join('\n');
}

export function formatFault(r: FaultReport): string {
  const did = {
    kill: `${r.host} powered off (${r.killed} processes killed)`,
    restart: `${r.host} booted again, PID 1 ${r.pid}${r.killed ? ` (${r.killed} processes killed first)` : ''}`,
    partition: `${r.host} is off the network`,
    heal: `${r.host} is back on the network`,
  }[r.fault];
  return r.changed ? did : `${did} (already so)`;
}

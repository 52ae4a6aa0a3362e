// Shared by the cluster scripts: the inventory, a context whose connections are always closed,
// and the human renderings of the reports.
import { loadInventory } from '../inventory/load.js';
import type { RuleOptions } from '../inventory/rules-quorum.js';
import { closeCtx, createCtx, type Ctx } from './context.js';
import type { LifecycleReport, RestartReport } from './lifecycle.js';
import type { ProvisionReport } from './provision.js';

export const clusterOptions = { 'accept-new-host-keys': { type: 'boolean', default: false } } as const;

export async function withCluster<T>(
  values: { inventory: string; 'accept-new-host-keys'?: boolean },
  log: (line: string) => void,
  fn: (ctx: Ctx) => Promise<T>,
  rules: RuleOptions = {},
): Promise<T> {
  const { cluster, warnings } = await loadInventory(values.inventory, rules);
  warnings.forEach(log);
  const ctx = createCtx(cluster, { acceptNewHostKeys: values['accept-new-host-keys'] ?? false });
  try {
    return await fn(ctx);
  } finally {
    await closeCtx(ctx);
  }
}

export function formatProvision(r: ProvisionReport): string {
  const lines: string[] = [];
  for (const h of r.hosts) {
    lines.push(h.changes.length === 0 ? `${h.host}: up to date` : `${h.host}:`);
    for (const c of h.changes) lines.push(`  ${c}`);
  }
  if (r.dry_run) {
    for (const d of r.diffs ?? []) lines.push(`--- ${d.host}: ${d.path}`, d.diff.trimEnd());
    lines.push(`dry run: ${r.changed} file(s) would be uploaded; nothing was touched`);
  } else {
    lines.push(`${r.changed} file(s) uploaded; started: ${r.started.join(', ') || 'none'}; restarted: ${r.restarted.join(', ') || 'none'} (${(r.elapsed_ms / 1000).toFixed(1)} s)`);
    const slow = r.phases.filter((p) => p.ms >= 100);
    if (slow.length > 0) lines.push(`time: ${slow.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(', ')}`);
  }
  return lines.join('\n');
}

export function formatLifecycle(verb: string, r: LifecycleReport): string {
  const lines = [...r.zookeeper, ...r.controllers, ...r.brokers, ...r.spark].map((o) => `  ${o.host}/${o.service}: ${o.result}${o.pid ? ` (pid ${o.pid})` : ''}${o.warnings.length ? ` — ${o.warnings.join('; ')}` : ''}`);
  return [`${verb} in ${(r.elapsed_ms / 1000).toFixed(1)} s:`, ...lines].join('\n');
}

export function formatRestart(r: RestartReport): string {
  return `rolling restart done in ${(r.elapsed_ms / 1000).toFixed(1)} s: ${r.restarted.join(', ')}`;
}

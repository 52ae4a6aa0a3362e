// npm run status: every host's ZooKeeper mode, broker registration, controller,
// under-replicated partitions, pid and version. A report, not a gate: unreachable parts are
// shown as such, and the command still succeeds.
import { readProcesses } from '../facts/run.js';
import { forEachHost } from '../remote/fanout.js';
import type { Ctx } from './context.js';
import { underReplicated } from './safety.js';
import { readEnsemble } from './zookeeper.js';

export interface StatusReport {
  ok: boolean;
  zookeeper: Array<{ host: string; mode: string | null; pid: number | null; version: string | null }>;
  brokers: Array<{ host: string; id: number; registered: boolean; controller: boolean; pid: number | null; version: string | null; error?: string }>;
  controller: number | null;
  under_replicated: number;
  /** why the Kafka view is missing, when it is */
  kafka_error?: string;
}

const versionOf = (dist: string | null): string | null => dist?.match(/-(\d+\.\d+\.\d+.*)$/)?.[1] ?? null;

export async function clusterStatus(ctx: Ctx): Promise<StatusReport> {
  const { cluster } = ctx;
  const [zk, procs, view] = await Promise.all([
    readEnsemble(ctx),
    forEachHost(cluster.brokers, 8, async (h) => (await readProcesses(await ctx.sessions.session(h.name))).kafka),
    ctx.kafka.snapshot().then((s) => ({ ok: true as const, s }), (e: Error) => ({ ok: false as const, error: e.message })),
  ]);
  const snapshot = view.ok ? view.s : null;
  const brokers = cluster.brokers.map((h, i) => {
    const p = procs[i]!;
    return {
      host: h.name,
      id: h.brokerId!,
      registered: snapshot?.brokers.includes(h.brokerId!) ?? false,
      controller: snapshot?.controller === h.brokerId,
      pid: p.ok ? p.value.pid : null,
      version: p.ok ? versionOf(p.value.dist) : null,
      ...(p.ok ? {} : { error: (p.error as Error).message }),
    };
  });
  const urp = snapshot ? underReplicated(snapshot.partitions).length : 0;
  const zookeeper = zk.map((m) => ({ host: m.host, mode: m.mode, pid: m.pid, version: m.version }));
  const healthy =
    zk.every((m) => m.mode !== null) && zk.filter((m) => m.mode === 'leader' || m.mode === 'standalone').length === 1 &&
    brokers.every((b) => b.registered && b.pid !== null) && snapshot?.controller != null && urp === 0;
  return {
    ok: healthy,
    zookeeper,
    brokers,
    controller: snapshot?.controller ?? null,
    under_replicated: urp,
    ...(view.ok ? {} : { kafka_error: view.error }),
  };
}

/** Reading the status is the operation, so 0 even for a sick cluster, unless asked to check it. */
export function statusExitCode(r: StatusReport, check: boolean): number {
  return check && !r.ok ? 1 : 0;
}

export function formatStatus(r: StatusReport): string {
  const rows: string[][] = [['HOST', 'ROLE', 'STATE', 'PID', 'VERSION']];
  for (const z of r.zookeeper) rows.push([z.host, 'zookeeper', z.mode ?? 'not serving', String(z.pid ?? '-'), z.version ?? '-']);
  for (const b of r.brokers) {
    const state = `${b.registered ? 'registered' : 'NOT registered'}${b.controller ? ', controller' : ''}`;
    rows.push([b.host, `broker ${b.id}`, state, String(b.pid ?? '-'), b.version ?? '-']);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const table = rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  return [
    ...table,
    '',
    `controller: ${r.controller ?? 'none'}   under-replicated partitions: ${r.under_replicated}   ${r.ok ? 'healthy' : 'NOT healthy'}`,
    ...(r.kafka_error ? [`kafka: ${r.kafka_error}`] : []),
  ].join('\n');
}

// npm run provision: facts from every host, preflight, plan, then (unless --dry-run) apply and
// start or restart exactly what changed, in cluster order (ZooKeeper quorum, then brokers;
// restarts rolling and safe).
import { fileURLToPath } from 'node:url';
import { OperationError } from '../cli/errors.js';
import { ensureDistribution } from '../dist/index.js';
import { gatherFacts, type HostFacts } from '../facts/gather.js';
import { hostByName } from '../inventory/model.js';
import { renderCluster } from '../render/index.js';
import { sh } from '../remote/quote.js';
import { forEachHost, valuesOrThrow } from '../remote/fanout.js';
import { applyPlan } from './apply.js';
import { rollBrokers, startBrokers } from './brokers.js';
import type { Ctx } from './context.js';
import { unifiedDiff } from './diff.js';
import { withClusterLock } from './lifecycle.js';
import { describePlan, gatherSpec, planHost, uploadsOf, type HostPlan } from './plan.js';
import { diskNeeds, preflightProblems } from './preflight.js';
import { rollEnsemble, startEnsemble, waitQuorum } from './zookeeper.js';

export const DEFAULT_DIST_CACHE = fileURLToPath(new URL('../../.cache', import.meta.url));

export interface ProvisionReport {
  ok: boolean;
  dry_run: boolean;
  /** files uploaded on all hosts (with --dry-run: that would be) */
  changed: number;
  restarted: string[];
  started: string[];
  hosts: Array<{ host: string; changes: string[]; uploaded: string[]; services: HostPlan['services'] }>;
  diffs?: Array<{ host: string; path: string; diff: string }>;
  dist: { path: string; sha512: string };
  elapsed_ms: number;
}

export async function provision(ctx: Ctx, opts: { dryRun?: boolean; distCacheDir?: string } = {}): Promise<ProvisionReport> {
  const started = performance.now();
  const { cluster, progress } = ctx;
  const dist = await ensureDistribution(cluster.kafka, opts.distCacheDir ?? DEFAULT_DIST_CACHE, { log: (m) => progress.note(m) });
  const rendered = new Map(renderCluster(cluster).map((h) => [h.host, h.files]));
  const run = async (): Promise<ProvisionReport> => {
    const facts = valuesOrThrow(await forEachHost(cluster.hosts, 8, async (host) => {
      progress.host(host.name, 'reading facts');
      return gatherFacts(await ctx.sessions.session(host.name), gatherSpec(cluster, host, rendered.get(host.name)!));
    }));
    const plans = cluster.hosts.map((h) => planHost(cluster, h, rendered.get(h.name)!, facts.get(h.name)!, dist.sha512));
    checkPreflight(ctx, plans, facts, dist.bytes);
    for (const p of plans) {
      const lines = describePlan(p);
      progress.host(p.host, lines.length ? `${opts.dryRun ? 'would change' : 'changes'}: ${lines.length}` : 'up to date');
      for (const l of lines) progress.note(`${p.host}: ${l}`);
    }
    const report = (applied: Map<string, string[]>, restarted: string[], startedList: string[]): ProvisionReport => ({
      ok: true,
      dry_run: Boolean(opts.dryRun),
      changed: [...applied.values()].reduce((n, u) => n + u.length, 0),
      restarted,
      started: startedList,
      hosts: plans.map((p) => ({ host: p.host, changes: describePlan(p), uploaded: applied.get(p.host) ?? [], services: p.services })),
      dist: { path: dist.path, sha512: dist.sha512 },
      elapsed_ms: Math.round(performance.now() - started),
    });
    if (opts.dryRun) {
      const r = report(new Map(plans.map((p) => [p.host, uploadsOf(p)])), [], []);
      return { ...r, diffs: await dryRunDiffs(ctx, plans, facts) };
    }
    const applied = valuesOrThrow(await forEachHost(plans.map((p) => ({ name: p.host, plan: p })), 8, async ({ name, plan }) => {
      const a = await applyPlan(await ctx.sessions.session(name), plan, dist.path, (m) => progress.host(name, m));
      return a.uploaded;
    }));
    const { restarted, started: startedList } = await converge(ctx, plans);
    return report(applied, restarted, startedList);
  };
  return opts.dryRun ? run() : withClusterLock(ctx, 'provision', run);
}

function checkPreflight(ctx: Ctx, plans: HostPlan[], facts: Map<string, HostFacts>, distBytes: number): void {
  const problems = plans.flatMap((p) =>
    preflightProblems(ctx.cluster, hostByName(ctx.cluster, p.host), facts.get(p.host)!, diskNeeds(distBytes, p.dist.upload)).map((m) => `  ${p.host}: ${m}`),
  );
  if (problems.length > 0) throw new OperationError(`preflight failed, nothing was changed:\n${problems.join('\n')}`);
}

async function dryRunDiffs(ctx: Ctx, plans: HostPlan[], facts: Map<string, HostFacts>): Promise<Array<{ host: string; path: string; diff: string }>> {
  const out: Array<{ host: string; path: string; diff: string }> = [];
  for (const p of plans) {
    const session = await ctx.sessions.session(p.host);
    for (const f of p.files.filter((a) => a.kind === 'upload')) {
      const exists = facts.get(p.host)!.paths.get(f.file.path)?.type === 'file';
      const before = exists ? (await session.exec(sh`cat -- ${f.file.path}`, { describe: `read ${f.file.path}` })).stdout : null;
      out.push({ host: p.host, path: f.file.path, diff: unifiedDiff(f.file.path, before, f.file.content) });
    }
    if (p.etcHosts) out.push({ host: p.host, path: p.etcHosts.block.path, diff: unifiedDiff(p.etcHosts.block.path, facts.get(p.host)!.etcHosts, p.etcHosts.content) });
    if (p.dist.upload) out.push({ host: p.host, path: p.target.tarball, diff: `would upload ${p.target.tarball} (${p.dist.reasons[0]})\n` });
  }
  return out;
}

/** Starts what should run and does not, then restarts what changed: ZooKeeper first, then brokers. */
async function converge(ctx: Ctx, plans: HostPlan[]): Promise<{ restarted: string[]; started: string[] }> {
  const want = (service: 'zookeeper' | 'kafka', action: 'start' | 'restart'): string[] =>
    plans.filter((p) => p.services.some((s) => s.service === service && s.action === action)).map((p) => p.host);
  const started: string[] = [];
  const restarted: string[] = [];
  const zkStart = want('zookeeper', 'start');
  if (zkStart.length > 0) {
    await startEnsemble(ctx);
    started.push(...zkStart.map((h) => `${h}/zookeeper`));
  }
  const zkRestart = want('zookeeper', 'restart');
  if (zkRestart.length > 0) restarted.push(...(await rollEnsemble(ctx, zkRestart)).map((h) => `${h}/zookeeper`));
  const kStart = want('kafka', 'start');
  if (kStart.length > 0) {
    if (zkStart.length === 0) await waitQuorum(ctx);
    await startBrokers(ctx, kStart);
    started.push(...kStart.map((h) => `${h}/kafka`));
  }
  const kRestart = want('kafka', 'restart');
  if (kRestart.length > 0) {
    const ids = kRestart.map((h) => hostByName(ctx.cluster, h).brokerId!);
    const order = await rollBrokers(ctx, ids);
    restarted.push(...order.map((id) => `${ctx.cluster.brokers.find((b) => b.brokerId === id)!.name}/kafka`));
  }
  return { restarted, started };
}

// npm run provision: facts from every host, preflight, plan, then (unless --dry-run) apply and
// start or restart exactly what changed, in cluster order (the metadata quorum, then brokers;
// restarts rolling and safe). KRaft: folders are formatted once, with the recorded cluster id.
import { readFile } from 'node:fs/promises';
import { OperationError } from '../core/errors.js';
import { PhaseClock, type PhaseTime } from '../core/phase-clock.js';
import { ensureMetricsAgent } from '../dist/agent.js';
import { DEFAULT_DIST_CACHE, ensureDistribution, type DistResult } from '../dist/index.js';
import { ensureSparkDistribution } from '../dist/spark.js';
import type { Component } from '../ops/dist.js';
import { gatherFacts, type HostFacts } from '../facts/gather.js';
import { UNFORMATTED } from '../facts/storage.js';
import { hostPort } from '../inventory/derive.js';
import { hostByName, isSpark, type Cluster } from '../inventory/model.js';
import { planFormats, resolveClusterId, storageProblems, type FormatStep, type StorageFact } from '../ops/storage.js';
import { renderCluster, runsMetricsAgent, withMetricsAgent, type HostFile } from '../render/index.js';
import { servicePaths } from '../render/layout.js';
import { sh } from '../core/shell.js';
import { forEachHost, valuesOrThrow } from '../remote/fanout.js';
import { applyPlan, type Applied } from './apply.js';
import { clusterIdFile, readClusterId, recordClusterId } from './cluster-id.js';
import type { Ctx } from './context.js';
import { unifiedDiff } from './diff.js';
import { rolesOf, startProcesses, withClusterLock } from './lifecycle.js';
import { describePlan, gatherSpec, planHost, uploadsOf, type HostPlan } from './plan.js';
import { diskNeeds, preflightProblems } from './preflight.js';
import { isQuorumMember, rollProcesses } from './roll.js';
import { checkpointStoreProblems } from './spark-storage.js';
import { clusterSecrets, type ClusterSecrets } from '../security/cluster-secrets.js';
import { foreignCaProblems, liveSecuritySwitchProblems } from '../security/trust-check.js';
import { migratedProblems } from '../migration/guard.js';
import type { Rolled } from './services.js';


export interface ProvisionReport {
  ok: boolean;
  dry_run: boolean;
  /** files uploaded on all hosts (with --dry-run: that would be) */
  changed: number;
  restarted: string[];
  /** restarted process -> the role that placed it in the rolling order */
  roles: Record<string, string>;
  /** restarted process -> the process its group kept for last when its turn came (see RestartReport) */
  leaders: Record<string, string | null>;
  started: string[];
  hosts: Array<{ host: string; changes: string[]; uploaded: string[]; services: HostPlan['services'] }>;
  diffs?: Array<{ host: string; path: string; diff: string }>;
  dist: { path: string; sha512: string };
  /** the Spark distribution, when a host runs a Spark daemon */
  spark_dist?: { path: string; sha512: string };
  elapsed_ms: number;
  /** where the time went, in order: each phase ends where the next begins, so they add up to (nearly all of) elapsed_ms */
  phases: PhaseTime[];
  /** per host, ms of each apply step that had something to do (the apply phase is the slowest host) */
  apply_steps_ms: Record<string, Applied['steps_ms']>;
}

/** `renewCertificates`: npm run rotate-certs, new keys and certificates put in service as any changed file is. */
export async function provision(ctx: Ctx, opts: { dryRun?: boolean; distCacheDir?: string; renewCertificates?: boolean } = {}): Promise<ProvisionReport> {
  const started = performance.now();
  const clock = new PhaseClock();
  const { cluster, progress } = ctx;
  ctx.sessions.warm(cluster.hosts.map((h) => h.name)); // every host is read below: connect while the distribution is checked
  const cacheDir = opts.distCacheDir ?? DEFAULT_DIST_CACHE;
  const dist = await ensureDistribution(cluster.kafka, cacheDir, { log: (m) => progress.note(m) });
  const sparkDist = cluster.processes.some(isSpark) ? await ensureSparkDistribution(cluster.spark, cacheDir, { log: (m) => progress.note(m) }) : null;
  const locals: Partial<Record<Component, DistResult>> = { kafka: dist, ...(sparkDist ? { spark: sparkDist } : {}) };
  const secrets = await clusterSecrets(cluster, undefined, { renew: opts.renewCertificates });
  const rendered = new Map<string, HostFile[]>((await withShippedFiles(cluster, secrets, cacheDir, (m) => progress.note(m))).map((h) => [h.host, h.files]));
  clock.mark('distribution and render (local)');
  const run = async (): Promise<ProvisionReport> => {
    clock.mark('cluster lock');
    const facts = valuesOrThrow(await forEachHost(cluster.hosts, 8, async (host) => {
      progress.host(host.name, 'reading facts');
      return gatherFacts(await ctx.sessions.session(host.name), gatherSpec(cluster, host, rendered.get(host.name)!));
    }));
    clock.mark('facts');
    const storage = planStorage(cluster, facts, await readClusterId(cluster));
    const plans = cluster.hosts.map((h) => planHost(cluster, h, rendered.get(h.name)!, facts.get(h.name)!, locals, storage));
    const sparkStore = await checkpointStoreProblems(ctx, { dryRun: Boolean(opts.dryRun), note: (m) => progress.note(m) });
    checkPreflight(ctx, plans, facts, locals, [...storage.problems, ...sparkStore, ...foreignCaProblems(cluster, rendered, facts), ...liveSecuritySwitchProblems(cluster, facts), ...migratedProblems(cluster, facts)]);
    if (storage.clusterId && storage.source !== 'recorded' && !opts.dryRun) await recordClusterId(cluster, storage.clusterId);
    clock.mark('plan and preflight');
    for (const p of plans) {
      const lines = describePlan(p);
      progress.host(p.host, lines.length ? `${opts.dryRun ? 'would change' : 'changes'}: ${lines.length}` : 'up to date');
      for (const l of lines) progress.note(`${p.host}: ${l}`);
    }
    const report = (applied: Map<string, Applied>, rolled: Rolled[], startedList: string[]): ProvisionReport => ({
      ok: true,
      dry_run: Boolean(opts.dryRun),
      changed: [...applied.values()].reduce((n, a) => n + a.uploaded.length, 0),
      restarted: rolled.map((r) => r.process),
      ...rolesOf(rolled),
      started: startedList,
      hosts: plans.map((p) => ({ host: p.host, changes: describePlan(p), uploaded: applied.get(p.host)?.uploaded ?? [], services: p.services })),
      dist: { path: dist.path, sha512: dist.sha512 },
      ...(sparkDist ? { spark_dist: { path: sparkDist.path, sha512: sparkDist.sha512 } } : {}),
      elapsed_ms: Math.round(performance.now() - started),
      phases: clock.phases,
      apply_steps_ms: Object.fromEntries([...applied].map(([host, a]) => [host, a.steps_ms])),
    });
    if (opts.dryRun) {
      const diffs = await dryRunDiffs(ctx, plans, facts);
      clock.mark('diffs');
      const wouldUpload = (p: HostPlan): Applied => ({ host: p.host, uploaded: uploadsOf(p), commands: 0, steps_ms: {} });
      return { ...report(new Map(plans.map((p) => [p.host, wouldUpload(p)])), [], []), diffs };
    }
    const applied = valuesOrThrow(await forEachHost(plans.map((p) => ({ name: p.host, plan: p })), 8, async ({ name, plan }) =>
      applyPlan(await ctx.sessions.session(name), plan, (m) => progress.host(name, m)),
    ));
    clock.mark('apply (upload, unpack, files, format; slowest host)');
    const { rolled, started: startedList } = await converge(ctx, plans, clock);
    return report(applied, rolled, startedList);
  };
  return opts.dryRun ? run() : withClusterLock(ctx, 'provision', run);
}

/** The rendered files, and the metrics agent jar on the hosts whose brokers or controllers run it. */
export async function withShippedFiles(cluster: Cluster, secrets: ClusterSecrets | null, cacheDir: string, log: (line: string) => void) {
  const rendered = renderCluster(cluster, secrets);
  if (!cluster.hosts.some((h) => runsMetricsAgent(cluster, h))) return rendered;
  const agent = await ensureMetricsAgent(cacheDir, log);
  return withMetricsAgent(cluster, rendered, await readFile(agent.path));
}

interface StoragePlan {
  clusterId: string | null;
  source: 'recorded' | 'hosts' | 'new' | null;
  formats: FormatStep[];
  problems: string[];
}

/** KRaft: the cluster id, the folders to format, and the folders refused (ZooKeeper mode: none). */
function planStorage(cluster: Cluster, facts: Map<string, HostFacts>, recorded: string | null): StoragePlan {
  if (cluster.mode !== 'kraft') return { clusterId: null, source: null, formats: [], problems: [] };
  const storage: StorageFact[] = cluster.processes.filter((p) => p.service !== 'zookeeper').map((p) => {
    const dir = servicePaths(p.service).dataDir;
    return { process: p, dir, meta: facts.get(p.host.name)!.storage.get(dir) ?? UNFORMATTED };
  });
  const resolved = resolveClusterId(recorded, storage);
  if ('problem' in resolved) return { clusterId: null, source: null, formats: [], problems: [resolved.problem] };
  const refused = storageProblems(resolved.id, storage, clusterIdFile(cluster));
  const { steps, problems } = planFormats(storage, (p) => hostPort(p.host.address, cluster.controller.port));
  return { clusterId: resolved.id, source: resolved.source, formats: refused.length > 0 ? [] : steps, problems: [...refused, ...problems] };
}

function checkPreflight(ctx: Ctx, plans: HostPlan[], facts: Map<string, HostFacts>, locals: Partial<Record<Component, DistResult>>, clusterProblems: string[]): void {
  const uploadBytes = (p: HostPlan) => p.dists.filter((d) => d.plan.upload).reduce((n, d) => n + locals[d.target.component]!.bytes, 0);
  const problems = [
    ...clusterProblems.map((m) => `  ${m}`),
    ...plans.flatMap((p) =>
      preflightProblems(ctx.cluster, hostByName(ctx.cluster, p.host), facts.get(p.host)!, diskNeeds(uploadBytes(p))).map((m) => `  ${p.host}: ${m}`),
    ),
  ];
  if (problems.length > 0) throw new OperationError(`preflight failed, nothing was changed:\n${problems.join('\n')}`);
}

async function dryRunDiffs(ctx: Ctx, plans: HostPlan[], facts: Map<string, HostFacts>): Promise<Array<{ host: string; path: string; diff: string }>> {
  const out: Array<{ host: string; path: string; diff: string }> = [];
  for (const p of plans) {
    const session = await ctx.sessions.session(p.host);
    for (const f of p.files.filter((a) => a.kind === 'upload')) {
      if ('secret' in f.file && f.file.secret) {
        out.push({ host: p.host, path: f.file.path, diff: `would write ${f.file.path} (${f.reason}; it holds a key or a password: not shown)\n` });
        continue;
      }
      if (typeof f.file.content !== 'string') {
        out.push({ host: p.host, path: f.file.path, diff: `would upload ${f.file.path} (${f.file.content.length} bytes, ${f.reason})\n` });
        continue;
      }
      const exists = facts.get(p.host)!.paths.get(f.file.path)?.type === 'file';
      const before = exists ? (await session.exec(sh`cat -- ${f.file.path}`, { describe: `read ${f.file.path}` })).stdout : null;
      out.push({ host: p.host, path: f.file.path, diff: unifiedDiff(f.file.path, before, f.file.content) });
    }
    if (p.etcHosts) out.push({ host: p.host, path: p.etcHosts.block.path, diff: unifiedDiff(p.etcHosts.block.path, facts.get(p.host)!.etcHosts, p.etcHosts.content) });
    for (const d of p.dists.filter((x) => x.plan.upload)) out.push({ host: p.host, path: d.target.tarball, diff: `would upload ${d.target.tarball} (${d.plan.reasons[0]})\n` });
  }
  return out;
}

/**
 * Starts what should run and does not, then restarts what changed: the metadata quorum first
 * (members to start, then members to roll), then the processes that are only brokers.
 */
async function converge(ctx: Ctx, plans: HostPlan[], clock: PhaseClock): Promise<{ rolled: Rolled[]; started: string[] }> {
  const actions = new Map<string, string>(plans.flatMap((p) => p.services.map((s) => [`${p.host}/${s.service}`, s.action] as const)));
  const want = (action: 'start' | 'restart', members: boolean) =>
    ctx.cluster.processes.filter((p) => actions.get(p.name) === action && isQuorumMember(p) === members);
  const started: string[] = [];
  const rolled: Rolled[] = [];
  for (const members of [true, false]) {
    const toStart = want('start', members);
    if (toStart.length > 0) {
      await startProcesses(ctx, toStart, clock);
      started.push(...toStart.map((p) => p.name));
    }
    const toRoll = want('restart', members);
    if (toRoll.length > 0) {
      rolled.push(...(await rollProcesses(ctx, toRoll)));
      clock.mark(members ? 'metadata quorum: rolling restart' : 'brokers: rolling restart');
    }
  }
  return { rolled, started };
}

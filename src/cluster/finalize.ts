// npm run finalize-upgrade: after every process runs the new Kafka release, raise the cluster's
// finalized feature levels to what every node supports: metadata.version, then the features the
// operator names, one at a time, each confirmed on every node before the next. Never kraft.version
// (KAFKA-21426: raising it turns a static quorum dynamic), and never a downgrade.
import { InputError, OperationError } from '../core/errors.js';
import { readProcesses } from '../facts/run.js';
import { hasRole, type Cluster, type Process } from '../inventory/model.js';
import type { FeatureLevels } from '../kafka/types.js';
import { mapHosts } from '../remote/fanout.js';
import type { Ctx } from './context.js';
import { awaitGate } from './gates.js';
import { withClusterLock } from './lifecycle.js';
import { versionOf } from './quorum/kraft.js';

export const FEATURE_DEADLINE_MS = 60_000;

export interface FeatureStep {
  name: string;
  /** finalized level before */
  from: number | null;
  /** the level asked for: what every node supports, or what the operator named */
  to: number;
  state: 'raised' | 'already' | 'would raise';
}

export interface FinalizeReport {
  ok: boolean;
  dry_run: boolean;
  version: string;
  features: FeatureStep[];
  elapsed_ms: number;
}

/** `--feature name=level` words -> a map; kraft.version and malformed words are refused. */
export function parseFeatureArgs(words: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of words) {
    const m = /^([a-z][a-z0-9._-]*)=(\d+)$/.exec(word);
    if (!m) throw new InputError(`--feature must be NAME=LEVEL (e.g. group.version=1), got "${word}"`);
    if (m[1] === 'kraft.version') {
      throw new InputError('--feature kraft.version: not changed by this tool (KAFKA-21426: raising it turns a static quorum dynamic); use kafka-features.sh by hand after reading KIP-853');
    }
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/** The port a process answers clients on: the broker port, or a dedicated controller's listener. */
export const clientPort = (cluster: Cluster, p: Process): number => (hasRole(p, 'broker') ? cluster.broker.port : cluster.controller.port);

/** Pure: the steps, from every node's levels and what was named. metadata.version always comes first. */
export function planFeatures(nodes: ReadonlyArray<{ name: string; levels: FeatureLevels }>, named: ReadonlyMap<string, number>): FeatureStep[] {
  const first = nodes[0]?.levels;
  if (!first) return [];
  const supportedMax = (feature: string): number => Math.min(...nodes.map((n) => n.levels.supported[feature]?.max ?? -1));
  const wanted = new Map<string, number>([['metadata.version', supportedMax('metadata.version')], ...named]);
  return [...wanted].map(([name, to]) => {
    const max = supportedMax(name);
    if (to > max) throw new OperationError(`${name}=${to}: not every node supports it (the highest level all support is ${max})`);
    const from = first.finalized[name] ?? null;
    if (from !== null && to < from) throw new OperationError(`${name}: finalized at ${from}; ${to} would be a downgrade, which this tool never does`);
    return { name, from, to, state: from === to ? 'already' : 'would raise' };
  });
}

function levelsOf(ctx: Ctx): Promise<Array<{ name: string; levels: FeatureLevels }>> {
  const { cluster } = ctx;
  return Promise.all(cluster.processes.map(async (p) => ({ name: p.name, levels: await ctx.kafka.nodeFeatures(p.host.address, clientPort(cluster, p)) })));
}

/** Refuses unless every process runs the inventory's release. */
async function assertAllUpgraded(ctx: Ctx): Promise<void> {
  const { cluster } = ctx;
  const facts = await mapHosts(cluster.hosts, 8, async (h) => readProcesses(await ctx.sessions.session(h.name)));
  const behind = cluster.processes.flatMap((p) => {
    const version = versionOf(facts.get(p.host.name)![p.service].dist);
    return version === cluster.kafka.version ? [] : [`${p.name} ${version === null ? 'does not run' : `runs ${version}`}`];
  });
  if (behind.length > 0) throw new OperationError(`not every process runs Kafka ${cluster.kafka.version} yet (${behind.join(', ')}): provision (a rolling upgrade) first, then finalize`);
}

export function finalizeUpgrade(ctx: Ctx, named: ReadonlyMap<string, number>, o: { dryRun?: boolean } = {}): Promise<FinalizeReport> {
  if (ctx.cluster.mode !== 'kraft') {
    throw new InputError('finalize-upgrade raises KRaft feature levels; a ZooKeeper-mode cluster has none (its inter.broker.protocol.version is a broker setting)');
  }
  const t = performance.now();
  const run = async (): Promise<FinalizeReport> => {
    await assertAllUpgraded(ctx);
    const steps = planFeatures(await levelsOf(ctx), named);
    for (const step of steps) {
      if (step.state === 'already') {
        ctx.progress.note(`${step.name}: already finalized at ${step.to}`);
        continue;
      }
      if (o.dryRun) continue;
      ctx.progress.note(`${step.name}: raising ${step.from ?? 'unset'} -> ${step.to}`);
      await ctx.kafka.updateFeature(step.name, step.to);
      await awaitGate(ctx, {
        expected: `${step.name} finalized at ${step.to} on every node`,
        deadlineMs: FEATURE_DEADLINE_MS,
        read: () => levelsOf(ctx),
        failing: (nodes) => nodes.filter((n) => n.levels.finalized[step.name] !== step.to).map((n) => {
          const p = ctx.cluster.processes.find((x) => x.name === n.name)!;
          return { host: p.host.name, service: p.service, seen: `${step.name} finalized at ${n.levels.finalized[step.name] ?? 'unset'}` };
        }),
      });
      step.state = 'raised';
    }
    return { ok: true, dry_run: Boolean(o.dryRun), version: ctx.cluster.kafka.version, features: steps, elapsed_ms: Math.round(performance.now() - t) };
  };
  return o.dryRun ? run() : withClusterLock(ctx, 'finalize-upgrade', run);
}

export function formatFinalize(r: FinalizeReport): string {
  const lines = r.features.map((f) => `  ${f.name}: ${f.from ?? 'unset'} -> ${f.to} (${f.state})`);
  return [`${r.dry_run ? 'dry run: ' : ''}feature levels for Kafka ${r.version}:`, ...lines].join('\n');
}

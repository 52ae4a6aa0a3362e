// npm run migrate: a running ZooKeeper-mode cluster carried to KRaft through the phases of Kafka's
// documented procedure (phases.ts), each behind the gates a rolling restart has plus the
// migration's own (ZkMigrationState on every controller). Each phase first reads where the
// hosts are and does only what is left, so a run stopped with --until, or killed, continues from
// the phase the cluster is actually in. Holds the provisioner lock throughout.
import { sh } from '../core/shell.js';
import { hasRole } from '../inventory/model.js';
import { serviceScript, STOP_TIMEOUT_S } from '../render/layout.js';
import type { Ctx } from '../cluster/context.js';
import { readClusterId, recordClusterId } from '../cluster/cluster-id.js';
import { leaderLast, waitQuorum } from '../cluster/quorum/index.js';
import { readEnsemble } from '../cluster/quorum/zookeeper.js';
import { waitRegistered } from '../cluster/registration.js';
import { withMigrationEnv, type MigrationEnv } from './env.js';
import { writeMarkerCommand } from './guard.js';
import { zookeeperClusterId } from './hosts.js';
import { moveProcesses } from './move.js';
import { kafkaMoves, PHASES, stageOf, type Phase, type PhaseName } from './phases.js';
import type { ClusterStage } from './stages.js';
import { runSteps, type PhaseReport } from './steps.js';
import { agreedState, readMigrationState, waitMigrationState } from './zk-migration-state.js';

export interface MigrationReport {
  /** a run that fails reports ok: false with its phases so far (src/migration/cli.ts) */
  ok: true;
  /** where the hosts were when this run began, and where they are now */
  from: ClusterStage;
  stage: ClusterStage;
  /** ZkMigrationState every controller reports at the end (null: they do not agree, or none runs) */
  migration_state: string | null;
  cluster_id: string;
  phases: PhaseReport[];
  elapsed_ms: number;
}

/** Deadlines of the migration's own gates. */
export const MIGRATED_DEADLINE_MS = 180_000;
export const FINALIZED_DEADLINE_MS = 120_000;

export interface MigrateOptions {
  until?: PhaseName;
  cacheDir?: string;
}

export function migrate(ctx: Ctx, o: MigrateOptions = {}): Promise<MigrationReport> {
  return withMigrationEnv(ctx, 'migrate', o.cacheDir, (env) => runMigration(env, o));
}

/** Where the hosts stand, and the state the controllers agree on (null when none runs). */
export async function standing(env: MigrationEnv): Promise<{ stage: ClusterStage; migrationState: string | null }> {
  const facts = await env.facts();
  const stage = stageOf(facts.kafka, facts.zookeeperRunning.length > 0);
  const running = env.controllers.filter((p) => facts.kafka.some((f) => f.process.name === p.name && f.pid !== null));
  return { stage, migrationState: running.length > 0 ? agreedState(await readMigrationState(env.kraft, running)) : null };
}

async function runMigration(env: MigrationEnv, o: MigrateOptions): Promise<MigrationReport> {
  const started = performance.now();
  const source = env.base.cluster;
  const first = await env.facts();
  const from = stageOf(first.kafka, first.zookeeperRunning.length > 0);
  env.base.progress.note(`migration: the hosts are at stage "${from}"`);
  const recorded = await readClusterId(source);
  // before any controller exists, the brokers' id is the truth; the recorded one must agree with it
  const clusterId = from === 'zookeeper' ? await zookeeperClusterId(env.base, recorded) : recorded ?? (await zookeeperClusterId(env.base, null));
  await recordClusterId(source, clusterId);
  const steps = PHASES.map((phase) => ({ name: phase.name, does: phase.does, run: () => runPhase(phase, env, clusterId) }));
  const phases = await runSteps(steps, { until: o.until, note: (l) => env.base.progress.note(l) });
  const end = await standing(env);
  return { ok: true, from, stage: end.stage, migration_state: end.migrationState, cluster_id: clusterId, phases, elapsed_ms: Math.round(performance.now() - started) };
}

async function runPhase(phase: Phase, env: MigrationEnv, clusterId: string): Promise<string[]> {
  const ctx = env.at(phase.stage);
  const moves = kafkaMoves(phase, (await env.facts()).kafka);
  const migrated = (zkBrokers?: number) => waitMigrationState(env.kraft, env.controllers, { state: 'MIGRATION', zkBrokers, deadlineMs: MIGRATED_DEADLINE_MS });
  switch (phase.name) {
    case 'controllers': {
      const did = await moveProcesses(env, ctx, env.kraft, moves, clusterId);
      await waitQuorum(env.kraft);
      return did;
    }
    case 'dual-write': {
      const did = await moveProcesses(env, ctx, ctx, moves, clusterId);
      await migrated();
      return did;
    }
    case 'kraft-brokers': {
      // no broker leaves ZooKeeper before the controllers hold all of its metadata
      if (moves.length > 0) await migrated();
      const did = await moveProcesses(env, ctx, ctx, moves, clusterId);
      await migrated(0);
      return did;
    }
    case 'finalize': {
      // Kafka 3.9 does not check this itself: every broker must run in KRaft before ZooKeeper is dropped
      if (moves.length > 0) await migrated(0);
      const did = await moveProcesses(env, ctx, ctx, moves, clusterId);
      await waitMigrationState(ctx, env.controllers, { state: 'POST_MIGRATION', deadlineMs: FINALIZED_DEADLINE_MS });
      await waitRegistered(ctx);
      // no way back from here: a provision with a ZooKeeper-mode inventory is refused on these hosts
      for (const h of ctx.cluster.hosts) await (await ctx.sessions.session(h.name)).exec(writeMarkerCommand(clusterId), { describe: 'mark the host migrated' });
      return did;
    }
    case 'zookeeper-off':
      return stopZookeeper(env);
  }
}

/** ZooKeeper's servers stopped (followers first, the leader last), their launch scripts left non-executable; the data stays. */
async function stopZookeeper(env: MigrationEnv): Promise<string[]> {
  const zk = env.at('dual-write'); // a stage whose metadata quorum is still the ZooKeeper ensemble
  const { zookeeperRunning: running } = await env.facts();
  const script = serviceScript('zookeeper');
  const did: string[] = [];
  if (running.length > 0) {
    const state = await readEnsemble(zk);
    const order = leaderLast(state.members.filter((m) => running.some((p) => p.name === m.process.name)), state.leader).map((m) => m.process);
    // through bash: a script an earlier run disabled still stops a server someone started by hand
    for (const p of order) {
      zk.progress.host(p.host.name, 'stopping zookeeper');
      await (await zk.sessions.session(p.host.name)).exec(sh`bash ${script} stop ${STOP_TIMEOUT_S.zookeeper}`, { describe: 'stop zookeeper', timeoutMs: 150_000 });
    }
    did.push(`stopped ${order.map((p) => p.name).join(', ')}`);
  }
  const disabled: string[] = [];
  for (const p of zk.cluster.processes.filter((x) => hasRole(x, 'zookeeper'))) {
    const r = await (await zk.sessions.session(p.host.name)).exec(sh`if [ -x ${script} ]; then chmod a-x -- ${script} && echo disabled; fi`, { describe: `disable ${script}` });
    if (r.stdout.includes('disabled')) disabled.push(p.host.name);
  }
  if (disabled.length > 0) did.push(`disabled ${script} on ${disabled.join(', ')}`);
  return did;
}

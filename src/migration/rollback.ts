// npm run migrate -- --rollback: a cluster taken back to ZooKeeper mode from any stage before the
// controllers leave ZooKeeper, as Kafka's procedure says (ops.html, "Reverting to ZooKeeper mode
// During the Migration"): brokers in KRaft rolled back to ZooKeeper mode in migration; the
// controllers stopped; at once /controller (so a broker becomes the ZooKeeper-mode controller)
// and /migration (so a later migration starts afresh) deleted; the brokers rolled out of
// migration mode; the controllers' metadata and config removed. Every roll is gated as a rolling
// restart is; a rerun continues from where the hosts are. After finalize it is refused.
import { InputError } from '../core/errors.js';
import { sh } from '../core/shell.js';
import { readClusterId } from '../cluster/cluster-id.js';
import type { Ctx } from '../cluster/context.js';
import { stopService } from '../cluster/services.js';
import { hasRole } from '../inventory/model.js';
import { zookeeperShellCommand } from '../ops/zookeeper-shell.js';
import { layout, servicePaths, SERVICE_USER } from '../render/layout.js';
import { lastLines } from '../remote/command.js';
import { forEachHost, valuesOrThrow } from '../remote/fanout.js';
import { withMigrationEnv, type MigrationEnv } from './env.js';
import { zookeeperClusterId } from './hosts.js';
import { standing, type MigrationReport } from './migrate.js';
import { moveProcesses } from './move.js';
import { movesTo, stageOf } from './phases.js';
import { runSteps, type Step } from './steps.js';

export function rollback(ctx: Ctx, o: { cacheDir?: string } = {}): Promise<MigrationReport> {
  return withMigrationEnv(ctx, 'migrate --rollback', o.cacheDir, runRollback);
}

/** A step that rolls the brokers above `level` down to it, rendered and gated as the cluster at the stage of that name. */
function brokersDownTo(env: MigrationEnv, clusterId: string, level: 'dual-write' | 'zookeeper', name: string, does: string): Step {
  return {
    name,
    does,
    run: async () => {
      const ctx = env.at(level);
      return moveProcesses(env, ctx, ctx, movesTo('broker', level, (await env.facts()).kafka, 'down'), clusterId);
    },
  };
}

async function runRollback(env: MigrationEnv): Promise<MigrationReport> {
  const started = performance.now();
  const { base } = env;
  const first = await env.facts();
  const from = stageOf(first.kafka, first.zookeeperRunning.length > 0);
  if (from === 'finalized' || from === 'kraft') {
    const done = first.kafka.filter((f) => hasRole(f.process, 'controller') && f.level === 'kraft').map((f) => f.process.name);
    throw new InputError(`migrate --rollback: the controllers ${done.join(', ')} already run without ZooKeeper (the migration was finalized): ZooKeeper no longer has the metadata written since, and Kafka cannot go back from here (ops.html: "If you have finalized the ZK migration, then you cannot revert")`);
  }
  const clusterId = (await readClusterId(base.cluster)) ?? (await zookeeperClusterId(base, null));
  const steps: Step[] = [
    brokersDownTo(env, clusterId, 'dual-write', 'brokers-to-dual-write', 'brokers in KRaft rolled back to ZooKeeper mode, still in migration mode'),
    { name: 'controllers-off', does: 'the KRaft controllers stopped, then /controller and /migration deleted from ZooKeeper at once', run: () => controllersOff(env) },
    brokersDownTo(env, clusterId, 'zookeeper', 'brokers-to-zookeeper', 'brokers rolled out of migration mode: ZooKeeper mode as before the migration'),
    { name: 'controller-metadata', does: 'the controllers\' metadata log and config removed (a later migration formats them anew)', run: () => removeControllers(env) },
  ];
  const phases = await runSteps(steps, { note: (l) => base.progress.note(l) });
  const end = await standing(env);
  return { ok: true, from, stage: end.stage, migration_state: end.migrationState, cluster_id: clusterId, phases, elapsed_ms: Math.round(performance.now() - started) };
}

/** What /controller and /migration hold, from zookeeper-shell's output of `get /controller` and `get /migration`. */
export function parseMigrationZnodes(stdout: string): { controller: string | null; kraftController: boolean; migration: string | null } {
  const controller = /\{[^\n]*"brokerid"[^\n]*\}/.exec(stdout)?.[0] ?? null;
  const migration = /\{[^\n]*"kraft_metadata_offset"[^\n]*\}/.exec(stdout)?.[0] ?? null;
  return { controller, kraftController: controller !== null && controller.includes('"kraftControllerEpoch"'), migration };
}

/**
 * Stops every controller at once, then deletes /controller (when a KRaft controller holds it: as
 * long as it does, no broker takes over, so this follows at once) and /migration (so a later
 * migration starts afresh). What they held is read before the stop, and reported.
 */
async function controllersOff(env: MigrationEnv): Promise<string[]> {
  const facts = await env.facts();
  const running = facts.kafka.filter((f) => hasRole(f.process, 'controller') && f.pid !== null).map((f) => f.process);
  const zk = env.at('zookeeper');
  const broker = zk.cluster.processes.find((p) => p.service === 'kafka')!;
  const session = await zk.sessions.session(broker.host.name);
  const shell = async (commands: string[]): Promise<string> => {
    const command = zookeeperShellCommand({
      kafkaHome: layout.kafkaHome,
      user: SERVICE_USER,
      zookeeperConnect: zk.cluster.zookeeperConnect,
      tlsConfig: zk.cluster.security === 'secure' ? servicePaths('kafka').config : null,
      commands,
    });
    const r = await session.exec(command, { describe: `zookeeper-shell: ${commands.join('; ')}`, timeoutMs: 60_000, check: false });
    if (r.code !== 0) throw new Error(`${broker.host.name}: zookeeper-shell (${commands.join('; ')}) failed with exit code ${r.code}: ${lastLines(r.stderr).join(' ')}`);
    return r.stdout;
  };
  const held = parseMigrationZnodes(await shell(['get /controller', 'get /migration']));
  const did: string[] = [];
  valuesOrThrow(await forEachHost(running.map((p) => ({ name: p.name, p })), 8, ({ p }) => stopService(env.base, p.host.name, p.service)));
  if (running.length > 0) did.push(`stopped ${running.map((p) => p.name).join(', ')}`);
  const remove = [...(held.kraftController ? ['deleteall /controller'] : []), ...(held.migration ? ['deleteall /migration'] : [])];
  if (remove.length > 0) {
    await shell(remove);
    did.push(`deleted ${[held.kraftController && `/controller (${held.controller})`, held.migration && `/migration (${held.migration})`].filter(Boolean).join(' and ')}`);
  }
  return did;
}

/** The controllers' data folder and server.properties gone, so the hosts read as before the migration. */
async function removeControllers(env: MigrationEnv): Promise<string[]> {
  const { kafka } = await env.facts();
  const left = kafka.filter((f) => hasRole(f.process, 'controller') && f.level !== 'none');
  for (const f of left) {
    if (f.pid !== null) await stopService(env.base, f.process.host.name, f.process.service);
    const { dataDir, config } = servicePaths('controller');
    await (await env.base.sessions.session(f.process.host.name)).exec(sh`rm -rf -- ${dataDir} && rm -f -- ${config}`, { describe: `remove ${dataDir} and ${config}` });
  }
  return left.length > 0 ? [`removed the metadata and config of ${left.map((f) => f.process.name).join(', ')}`] : [];
}

// Moving processes from one stage's config to another's: the stage's files put in place for them
// (and only them), then those that run rolled one at a time and those that do not started,
// behind the gates of the metadata store the moved processes answer to.
import type { Ctx } from '../cluster/context.js';
import { startProcesses } from '../cluster/lifecycle.js';
import { rollProcesses } from '../cluster/roll.js';
import type { MigrationEnv } from './env.js';
import { putStageFiles } from './hosts.js';
import type { Move } from './phases.js';

export const describeMoves = (moves: readonly Move[]): string => moves.map((m) => `${m.process.name} (${m.reason})`).join(', ');

/** `stage` renders the files; `gates` orders the roll and gates each process (its cluster names the same processes). */
export async function moveProcesses(env: MigrationEnv, stage: Ctx, gates: Ctx, moves: readonly Move[], clusterId: string): Promise<string[]> {
  if (moves.length === 0) return [];
  const inStage = (c: Ctx, m: Move) => {
    const p = c.cluster.processes.find((x) => x.name === m.process.name);
    if (!p) throw new Error(`${m.process.name} is not a process of the cluster at this stage`);
    return p;
  };
  stage.progress.note(`migration: moving ${describeMoves(moves)}`);
  await putStageFiles(stage, moves.map((m) => inStage(stage, m)), { clusterId, cacheDir: env.cacheDir });
  const toStart = moves.filter((m) => !m.running).map((m) => inStage(gates, m));
  const toRoll = moves.filter((m) => m.running).map((m) => inStage(gates, m));
  const did: string[] = [];
  if (toRoll.length > 0) did.push(`rolled ${(await rollProcesses(gates, toRoll)).map((r) => r.process).join(', ')}`);
  if (toStart.length > 0) {
    await startProcesses(gates, toStart);
    did.push(`started ${toStart.map((p) => p.name).join(', ')}`);
  }
  return did;
}

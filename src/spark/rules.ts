// Pure rules over the Spark master's view: is the Spark cluster healthy (the gate after a start
// or a restart), and may a Spark daemon stop now (the can-roll rule of the rolling restart).
import { hasRole, type Process } from '../inventory/model.js';
import { aliveWorkerOn, type SparkMasterState } from './master-state.js';

export interface SparkFailing {
  process: Process;
  seen: string;
}

/**
 * Why the Spark cluster is not yet as wanted (empty: it is): the master ALIVE (not recovering),
 * and every worker of `workers` registered and ALIVE; with `renewed`, under another registration
 * than the one named (a restarted worker must have registered again, not be its old entry).
 */
export function sparkProblems(state: SparkMasterState | null, master: Process, workers: readonly Process[], renewed: ReadonlyMap<string, string> = new Map(), error = 'no answer'): SparkFailing[] {
  if (state === null) return [{ process: master, seen: `master web console: ${error}` }];
  if (state.status !== 'ALIVE') return [{ process: master, seen: `master is ${state.status}` }];
  return workers.flatMap((w): SparkFailing[] => {
    const alive = aliveWorkerOn(state, w.host);
    if (!alive) return [{ process: w, seen: `no ALIVE worker of ${w.host.name} registered with the master (${state.workers.filter((x) => x.state === 'ALIVE').length} alive)` }];
    if (renewed.get(w.name) === alive.id) return [{ process: w, seen: `still its old registration ${alive.id}` }];
    return [];
  });
}

/**
 * Why `p` may not stop now (empty: it may). A worker stops only while every other worker is
 * ALIVE, so the executors it runs can move and capacity never drops by more than one worker. The
 * master runs in FILESYSTEM recovery mode: workers and applications re-register with it after a
 * restart, so it may always stop (it rolls last).
 */
export function sparkBlockers(p: Process, state: SparkMasterState | null, workers: readonly Process[]): string[] {
  if (!hasRole(p, 'spark-worker')) return [];
  if (state === null) return ['the Spark master does not answer: the other workers cannot be checked'];
  const down = workers.filter((w) => w.name !== p.name && !aliveWorkerOn(state, w.host));
  return down.length === 0 ? [] : [`stopping ${p.name} while ${down.map((w) => w.name).join(', ')} ${down.length === 1 ? 'is' : 'are'} not ALIVE would leave no worker for its executors`];
}

/** Spark daemons in rolling order: the workers (by number), then the master. */
export const sparkRollOrder = (processes: readonly Process[]): Process[] => [
  ...processes.filter((p) => hasRole(p, 'spark-worker')).sort((a, b) => a.id - b.id),
  ...processes.filter((p) => hasRole(p, 'spark-master')),
];

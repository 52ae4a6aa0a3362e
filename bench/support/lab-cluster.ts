// The lab cluster of one bench: test/support/lab-cluster.ts (the same bring-up and teardown
// the end-to-end tests use), wrapped so that Ctrl-C still takes the lab down.
import { labCluster, type LabCluster, type LabClusterOptions } from '../../test/support/lab-cluster.js';

export type BenchCluster = LabCluster;

async function benchClusterUp(o: LabClusterOptions, log: (line: string) => void): Promise<BenchCluster> {
  // the tool's own JVM flags: a bench measures what a user gets
  const lab = labCluster({ ...o, kafkaHeap: o.kafkaHeap ?? '512m', jvmOptions: o.jvmOptions ?? [] });
  try {
    await lab.up(log);
    return lab;
  } catch (err) {
    await lab.down().catch((e: Error) => log(`teardown after a failed bring-up: ${e.message}`));
    throw err;
  }
}

/**
 * Up, `fn`, down — down always runs, also on SIGINT/SIGTERM (then the process exits 130 once the
 * lab is gone). The measurement's error wins (a failed teardown is then logged); a teardown that
 * fails after a good measurement fails the bench: leftovers matter.
 */
export async function withBenchCluster<T>(o: LabClusterOptions, log: (line: string) => void, fn: (lab: BenchCluster) => Promise<T>): Promise<T> {
  let lab: BenchCluster | undefined;
  let interrupted = false;
  const downAndExit = (l: BenchCluster) => void l.down().catch((e: Error) => log(`lab down: ${e.message}`)).finally(() => process.exit(130));
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: taking the lab down${lab ? '' : ' once it is up'}`);
    if (lab) downAndExit(lab);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    lab = await benchClusterUp(o, log);
    if (interrupted) {
      downAndExit(lab);
      return await new Promise<never>(() => {});
    }
    let result: T;
    try {
      result = await fn(lab);
    } catch (err) {
      await lab.down().catch((e: Error) => log(`lab down after a failure: ${e.message}`));
      throw err;
    }
    log('lab down');
    await lab.down();
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

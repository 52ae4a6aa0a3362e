// Runs a migration's (or a rollback's) steps in order, each reported as it runs: its state, when
// it started and ended, and what it did. A step that finds nothing to do is "already"; one that
// throws is "failed" and stops the run, the report so far travelling on the error.
export interface PhaseReport {
  name: string;
  /** done: it changed something; already: the hosts were there; failed; not run: after --until or a failure */
  state: 'done' | 'already' | 'failed' | 'not run';
  started: string | null;
  ended: string | null;
  ms: number | null;
  detail: string;
}

export interface Step {
  name: string;
  does: string;
  /** what it did, one entry per action; empty: nothing was left to do */
  run: () => Promise<string[]>;
}

/** Runs `steps` in order, stopping after the one named `until`. */
export async function runSteps(steps: readonly Step[], o: { until?: string; note: (line: string) => void }): Promise<PhaseReport[]> {
  const reports: PhaseReport[] = steps.map((s) => ({ name: s.name, state: 'not run', started: null, ended: null, ms: null, detail: s.does }));
  for (const [i, step] of steps.entries()) {
    const report = reports[i]!;
    const t = performance.now();
    report.started = new Date().toISOString();
    try {
      const did = await step.run();
      report.state = did.length > 0 ? 'done' : 'already';
      report.detail = did.length > 0 ? `${step.does}: ${did.join('; ')}` : `${step.does}: nothing left to do`;
    } catch (err) {
      report.state = 'failed';
      report.detail = `${step.does}: ${(err as Error).message.split('\n')[0]}`;
      if (err instanceof Error) Object.assign(err, { phases: reports });
      throw err;
    } finally {
      report.ended = new Date().toISOString();
      report.ms = Math.round(performance.now() - t);
      o.note(`migration: ${step.name} ${report.state} in ${(report.ms / 1000).toFixed(1)} s`);
    }
    if (step.name === o.until) break;
  }
  return reports;
}

/** A failed run's steps so far (the error carries them, for --json). */
export const phasesOf = (err: unknown): PhaseReport[] | null => (err as { phases?: PhaseReport[] } | null)?.phases ?? null;

// What every exact acceptance run must show, whichever the mode and the chaos: every acked
// message in the topic once, the job's total equal to the oracle's and the output topic's, the
// job caught up to every high watermark, its topics deleted; and for a fault, that it was
// injected mid-stream, held, healed and left no error.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import type { ChaosMode } from '../../src/acceptance/chaos-mode.js';
import type { AcceptanceReport } from '../../src/acceptance/report.js';
import { REPO } from './run-command.js';

/**
 * A failed run keeps its state folder (ledger, checkpoints, the job's logs), but inside the lab's
 * folder, which the teardown removes: copy it to .artifacts/failed-acceptance/ and return the end
 * of each job log, for the failure message.
 */
function keepFailedRun(r: AcceptanceReport): string {
  if (!r.state_dir || !existsSync(r.state_dir)) return '';
  const kept = join(REPO, '.artifacts', 'failed-acceptance', basename(r.state_dir));
  cpSync(r.state_dir, kept, { recursive: true });
  const logs = readdirSync(r.state_dir).filter((f) => /^job-\d+\.log$/.test(f)).sort();
  const tails = logs.map((f) => `${f}:\n${readFileSync(join(r.state_dir!, f), 'utf8').trimEnd().split('\n').slice(-40).join('\n')}`);
  return [`state kept in ${kept}`, ...tails].join('\n');
}

/** `messages`: as many as the run was asked for; `{ atLeast }`: an operation under load, whose production lasted as long as it did. */
export function expectExact(r: AcceptanceReport, mode: ChaosMode, messages: number | { atLeast: number }): void {
  expect(r.failures, r.failures.length > 0 ? keepFailedRun(r) : undefined).toEqual([]);
  expect(r.ok).toBe(true);
  if (typeof messages === 'number') expect(r.produced).toBe(messages);
  else expect(r.produced).toBeGreaterThanOrEqual(messages.atLeast);
  expect(r.acked + r.in_doubt).toBe(r.produced);
  expect(r.lost).toBe(0);
  expect(r.duplicates).toBe(0);
  expect(r.diff).toEqual([]);
  expect(r.consumed).toBe(r.topic_records);
  expect(r.topic_records).toBe(r.acked + r.in_doubt_written);
  expect(r.partitions.map((p) => p.job_next_offset)).toEqual(r.partitions.map((p) => p.high_watermark));
  expect(Object.keys(r.final)).toHaveLength(100);
  expect(r.top10).toHaveLength(10);
  expect(r.output_diff).toEqual([]);
  expect(r.chaos.mode).toBe(mode);
  // the TypeScript job also publishes its figures on a stats topic
  expect(r.topics_deleted.sort()).toEqual([r.topic, `${r.topic}-dlq`, `${r.topic}-popularity`, ...(r.engine === 'ts' ? [`${r.topic}-popularity-stats`] : [])]);
  expect(r.state_dir).toBeNull(); // removed: the run passed
  if (mode !== 'none' && typeof messages === 'number') {
    expect(r.chaos.error).toBeUndefined();
    expect(r.chaos.injected_at_acked).toBeGreaterThanOrEqual(messages * 0.4);
    expect(r.chaos.injected_at_acked).toBeLessThan(messages);
    expect(r.chaos.healed_after_ms).toBeGreaterThanOrEqual(r.chaos.held_ms!);
  }
}

/**
 * What each fault must have done, in either metadata mode: whom it hit, how, and that
 * start-cluster brought the target back (the role of a killed controller differs by mode, and
 * is checked by the file that knows it).
 */
export function expectFault(r: AcceptanceReport, mode: Exclude<ChaosMode, 'none' | 'kill-driver' | 'kill-executor'>): void {
  const steps = r.chaos.steps.join('\n');
  switch (mode) {
    case 'kill-broker':
      expect(r.chaos.target).toMatch(/^broker \d+ \([\w-]+\)$/);
      expect(r.chaos.role).toMatch(/^leader of partitions? 0/);
      expect(r.chaos.steps[0]).toMatch(/^SIGKILL to broker \d+ JVM pid \d+ on [\w-]+$/);
      expect(steps).toMatch(/start-cluster: started .*\/kafka/);
      break;
    case 'kill-host':
      expect(r.chaos.target).toMatch(/^[\w-]+$/);
      expect(steps).toMatch(new RegExp(`start-cluster: started (.*, )?${r.chaos.target}/kafka`));
      break;
    case 'kill-job': {
      expect(r.job.instances).toBeGreaterThanOrEqual(2);
      expect(r.job.exits[0]).toMatchObject({ instance: 1, signal: 'SIGKILL', requested: true });
      // it resumed from checkpoints taken mid-stream: past the start, short of the end
      expect(Object.keys(r.job.resumed_from).sort()).toEqual(r.partitions.map((p) => String(p.partition)).sort());
      const resumedAt = Object.values(r.job.resumed_from).reduce((a, b) => a + b, 0);
      expect(resumedAt).toBeGreaterThan(0);
      expect(resumedAt).toBeLessThan(r.topic_records);
      expect(r.chaos.steps[0]).toMatch(/^SIGKILL to job pid \d+ \(instance 1\): SIGKILL; checkpointed offsets before: \d+(, \d+)*$/);
      break;
    }
    case 'partition':
      expect(r.chaos.steps.slice(0, 2)).toEqual([`${r.chaos.target} cut off the network`, `${r.chaos.target} back on the network`]);
      break;
    case 'kill-controller':
      expect(steps).toMatch(new RegExp(`start-cluster: started (.*, )?${r.chaos.target}`));
      break;
  }
}

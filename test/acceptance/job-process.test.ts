import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { JobProcess, jobArgv } from '../../src/acceptance/job-process.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-job-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JobProcess', () => {
  it('runs scripts/popularity.ts with --json and a report file', () => {
    expect(jobArgv(['--topic', 't'], '/x/report-1.json')).toEqual(['--import', 'tsx', 'scripts/popularity.ts', '--topic', 't', '--json', '--report', '/x/report-1.json']);
  });

  it('restarts a job that exits on its own (bounded), logs each instance, and reports the missing report', async () => {
    const lines: string[] = [];
    // no --topic: the real script exits 2 at once — an unexpected exit, twice
    const job = new JobProcess({ args: ['--bootstrap', '127.0.0.1:1'], dir, maxRestarts: 1, log: (l) => lines.push(l) });
    // The restart delay runs on a fake clock: vi.waitFor moves it on at every check (the child
    // processes and their exits stay real), and nothing scheduled can hide from getTimerCount.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      job.start();
      await vi.waitFor(() => expect(job.exits).toHaveLength(2), { timeout: 30_000, interval: 50 });
      // no third start: the restart budget is spent, so no restart is pending either
      expect(vi.getTimerCount(), 'a restart is still scheduled').toBe(0);
      vi.runAllTimers();
      expect(job.instances).toBe(2);
    } finally {
      vi.useRealTimers();
    }
    expect(job.exits.map((e) => [e.instance, e.code, e.requested])).toEqual([[1, 2, false], [2, 2, false]]);
    expect(job.exits[0]!.stderr_tail.join('\n')).toContain('error: --topic is required');
    expect(readFileSync(join(dir, 'job-1.log'), 'utf8')).toContain('error: --topic is required');
    expect(lines).toContain('job crashed 2 times: not restarting it again; last lines:\n' + job.exits[1]!.stderr_tail.join('\n'));
    await expect(job.stop()).rejects.toThrow(/^the job \(instance 2\) ended with code 2 without a report/);
    await expect(job.kill()).rejects.toThrow('the job is not running');
  }, 40_000);
});

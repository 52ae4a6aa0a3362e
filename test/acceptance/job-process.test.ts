import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JobProcess, jobArgv } from '../../src/acceptance/job-process.js';
import { poll } from '../../src/remote/poll.js';

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
    job.start();
    await poll(async () => job.exits.length >= 2, { deadlineMs: 30_000, describe: 'two exits' });
    await new Promise((r) => setTimeout(r, 2_500)); // no third start: the restart budget is spent
    expect(job.instances).toBe(2);
    expect(job.exits.map((e) => [e.instance, e.code, e.requested])).toEqual([[1, 2, false], [2, 2, false]]);
    expect(job.exits[0]!.stderr_tail.join('\n')).toContain('error: --topic is required');
    expect(readFileSync(join(dir, 'job-1.log'), 'utf8')).toContain('error: --topic is required');
    expect(lines).toContain('job crashed 2 times: not restarting it again; last lines:\n' + job.exits[1]!.stderr_tail.join('\n'));
    await expect(job.stop()).rejects.toThrow(/^the job \(instance 2\) ended with code 2 without a report/);
    await expect(job.kill()).rejects.toThrow('the job is not running');
  }, 40_000);
});

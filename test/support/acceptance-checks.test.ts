import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AcceptanceReport } from '../../src/acceptance/report.js';
import { expectExact } from './acceptance-checks.js';
import { REPO } from './run-command.js';

const state = mkdtempSync(join(tmpdir(), 'kcp-failed-run-'));
const kept = join(REPO, '.artifacts', 'failed-acceptance', basename(state));
afterAll(() => {
  rmSync(state, { recursive: true, force: true });
  rmSync(kept, { recursive: true, force: true });
});

describe('a failed acceptance run', () => {
  it("keeps its state folder in .artifacts and shows the end of the job's log", () => {
    writeFileSync(join(state, 'job-1.log'), 'assigned partitions 0,1,2\nrevoked partitions 0\n');
    const r = { failures: ['the job did not catch up'], state_dir: state } as unknown as AcceptanceReport;
    expect(() => expectExact(r, 'kill-broker', 10)).toThrow(/state kept in .*failed-acceptance[\s\S]*job-1\.log:\nassigned partitions 0,1,2\nrevoked partitions 0/);
    expect(existsSync(join(kept, 'job-1.log'))).toBe(true);
  });
});

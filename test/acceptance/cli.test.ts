// scripts/acceptance.ts: bad input exits 2 before any host or broker is contacted.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/acceptance.ts', ...args], { cwd: REPO, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run acceptance: bad input', () => {
  it('an unknown --chaos mode exits 2 and names the modes', async () => {
    const r = await cli(['--chaos', 'kill-everything', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: --chaos must be one of none, kill-broker, kill-host, kill-job, partition, kill-controller, kill-driver, kill-executor; got "kill-everything"');
  });

  it('a non-positive --messages and an unknown flag exit 2', async () => {
    const [zero, unknown] = await Promise.all([cli(['--messages', '0']), cli(['--chaos-monkey'])]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('error: --messages must be an integer >= 1, got "0"');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/error: Unknown option '--chaos-monkey'/);
  });

  it('a missing inventory exits 2', async () => {
    const r = await cli(['--inventory', '/nonexistent/inventory.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/inventory.yaml');
  });
});

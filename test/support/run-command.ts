// A child process run to its end for a test: exit code, stdout and stderr, never a throw for a
// non-zero exit (tests assert on the code). Only a command that cannot be started rejects.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCommand(cmd: string, args: string[], o: { cwd?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: o.cwd, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `scripts/<name>.ts` run as `npm run <name>` would, from the repository root. */
export function runScript(name: string, args: string[]): Promise<CommandResult> {
  return runCommand(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { cwd: REPO });
}

// A child process run to its end for a test: exit code, stdout and stderr, never a throw for a
// non-zero exit (tests assert on the code). Only a command that cannot be started rejects.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCommand {
  /** what it has printed so far */
  output(): { stdout: string; stderr: string };
  done: Promise<CommandResult>;
}

/** Starts `cmd`; `done` settles when it exits. For tests that watch a command while it runs. */
export function startCommand(cmd: string, args: string[], o: { cwd?: string; env?: Record<string, string> } = {}): RunningCommand {
  const child = spawn(cmd, args, { cwd: o.cwd, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CommandResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { output: () => ({ stdout, stderr }), done };
}

export function runCommand(cmd: string, args: string[], o: { cwd?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
  return startCommand(cmd, args, o).done;
}

/** `scripts/<name>.ts` run as `npm run <name>` runs it (scripts/run.mjs), from the repository root. */
export function runScript(name: string, args: string[]): Promise<CommandResult> {
  return runCommand(process.execPath, ['scripts/run.mjs', name, ...args], { cwd: REPO });
}

/** Exactly what a user types: `npm run <name> -- <args>`, from the repository root. */
export function startNpm(name: string, args: string[]): RunningCommand {
  return startCommand('npm', ['run', name, '--', ...args], { cwd: REPO });
}

export const runNpm = (name: string, args: string[]): Promise<CommandResult> => startNpm(name, args).done;

/** The one JSON document a `--json` command printed on stdout, or an error showing what it printed instead. */
export function jsonOf<T>(r: CommandResult, what: string): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`${what} exited ${r.code} without exactly one JSON document on stdout:\n${r.stdout}\n--- stderr\n${r.stderr}`);
  }
}

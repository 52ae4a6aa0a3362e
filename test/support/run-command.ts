// A child process run to its end for a test: exit code, stdout and stderr, never a throw for a
// non-zero exit (tests assert on the code). Only a command that cannot be started rejects.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface CommandResult {
  code: number | null;
  /** the signal that ended it, when one did (absent otherwise) */
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCommand {
  /** what it has printed so far */
  output(): { stdout: string; stderr: string };
  /** has it exited yet */
  exited(): boolean;
  /** sends `signal` to it (detached: to its whole process group, by its pid) */
  kill(signal: NodeJS.Signals): void;
  done: Promise<CommandResult>;
}

/**
 * Starts `cmd`; `done` settles when it exits. For tests that watch a command while it runs.
 * `detached`: in a process group of its own, so kill() reaches whatever it started too.
 */
export function startCommand(cmd: string, args: string[], o: { cwd?: string; env?: Record<string, string>; detached?: boolean } = {}): RunningCommand {
  const child = spawn(cmd, args, { cwd: o.cwd, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: o.detached ?? false });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CommandResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ code, stdout, stderr, ...(signal ? { signal } : {}) });
    });
  });
  const kill = (signal: NodeJS.Signals): void => {
    if (exited || child.pid === undefined) return;
    if (o.detached) process.kill(-child.pid, signal);
    else child.kill(signal);
  };
  return { output: () => ({ stdout, stderr }), exited: () => exited, kill, done };
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

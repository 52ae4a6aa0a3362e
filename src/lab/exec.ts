// Runs a local command (no shell) and fails with the command, exit code and stderr in the error.
import { spawn } from 'node:child_process';
import { OperationError } from '../core/errors.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export class CommandError extends OperationError {
  constructor(
    readonly argv: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`${argv.join(' ')} exited with ${code ?? 'a signal'}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-5).join(' | ')}` : ''}`);
    this.name = 'CommandError';
  }
}

export function run(argv: readonly string[], options: { input?: string; allowFailure?: boolean } = {}): Promise<RunResult> {
  const [cmd, ...args] = argv;
  if (!cmd) throw new Error('run: empty command');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 || options.allowFailure) resolve({ stdout, stderr, code: code ?? -1 });
      else reject(new CommandError(argv, code, stderr));
    });
    if (child.stdin) {
      child.stdin.on('error', () => {}); // a command that exits without reading: its exit code tells
      child.stdin.end(options.input);
    }
  });
}

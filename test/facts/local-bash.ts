// Runs a fact command the way the SSH layer does (strict bash), on this machine, for tests.
import { execFile, spawnSync } from 'node:child_process';
import { strictBash } from '../../src/remote/command.js';

export function runLocal(script: string): { stdout: string; stderr: string; code: number | null } {
  const r = spawnSync('sh', ['-c', strictBash(script)], { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

/** Async variant, for tests whose other end (a fake server) lives in this process. */
export function runLocalAsync(script: string): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', strictBash(script)], (err, stdout) => {
      if (err && typeof err.code !== 'number') reject(err);
      else resolve({ stdout, code: err ? (err.code as number) : 0 });
    });
  });
}

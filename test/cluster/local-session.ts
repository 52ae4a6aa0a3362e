// A stand-in for an SSH session that runs scripts with strict bash on this machine.
import { execFile } from 'node:child_process';
import { strictBash } from '../../src/remote/command.js';
import { RemoteCommandError, type ExecResult } from '../../src/remote/errors.js';

export function localSession(name = 'local') {
  return {
    name,
    async exec(script: string, opts: { check?: boolean; describe?: string } = {}): Promise<ExecResult> {
      const result = await new Promise<ExecResult>((resolve) => {
        execFile('sh', ['-c', strictBash(script)], (err, stdout, stderr) => {
          resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : 1) : 0 });
        });
      });
      if ((opts.check ?? true) && result.code !== 0) throw new RemoteCommandError(name, script, result, opts.describe);
      return result;
    },
  };
}

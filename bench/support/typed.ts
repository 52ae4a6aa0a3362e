// A command timed as a user types it: a child process from the repository's folder, its exit
// code checked (a figure must never time an error), the median of several runs after a warm-up.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { log } from './main.js';
import { median } from './stats.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** ms of one run; rejects unless the command exits with `code` */
export function once(cmd: string, args: string[], code = 0): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: REPO }, (err, _stdout, stderr) => {
      const got = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      if (got !== code) reject(new Error(`${cmd} ${args.join(' ')}: exit ${got}, expected ${code}${stderr ? `\n${stderr.trim().split('\n').slice(-5).join('\n')}` : ''}`));
      else resolve(performance.now() - started);
    });
  });
}

/** seconds (3 decimals): the median of `runs` runs after one warm-up */
export async function typed(what: string, cmd: string, args: string[], runs: number, code = 0): Promise<number> {
  await once(cmd, args, code);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once(cmd, args, code));
  const ms = median(times)!;
  log(`${what}: median ${Math.round(ms)} ms of ${times.map(Math.round).join(', ')}`);
  return Math.round(ms) / 1000;
}

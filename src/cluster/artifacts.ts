// When a gate fails, the operator needs the logs of the host that failed: fetch the tail of the
// service's log4j log and of its console output (JVM errors land there) into
// .artifacts/<host>/ beside the inventory, and quote the last lines in the error.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { servicePaths, type Service } from '../render/layout.js';
import { sh } from '../core/shell.js';
import type { Session } from '../remote/session.js';

export const LOG_TAIL_LINES = 200;

/** The log file of each service, as its rendered logging config names it. */
export const mainLog = (service: Service): string => servicePaths(service).mainLog;

export const logTailCommand = (path: string, lines = LOG_TAIL_LINES): string =>
  sh`if [ -f ${path} ]; then tail -n ${lines} -- ${path}; fi`;

/** Saves `<service>.log` and `<service>.out` under `artifactsDir/<host>/`; returns the saved file and the last lines. */
export async function fetchServiceLog(session: Pick<Session, 'exec' | 'name'>, service: Service, artifactsDir: string): Promise<{ file: string; tail: string[] }> {
  const dir = join(artifactsDir, session.name);
  await mkdir(dir, { recursive: true });
  const tails: string[] = [];
  let saved = '';
  for (const [remote, local] of [[mainLog(service), `${service}.log`], [servicePaths(service).consoleLog, `${service}.out`]] as const) {
    const { stdout } = await session.exec(logTailCommand(remote), { describe: `tail ${remote}`, timeoutMs: 15_000 });
    const file = join(dir, local);
    await writeFile(file, stdout);
    saved = saved ? `${saved}, ${file}` : file;
    const lines = meaningfulLines(stdout);
    if (lines.length > 0) tails.push(`${remote}:`, ...lines.slice(-10));
  }
  return { file: saved, tail: tails.length > 0 ? tails : ['(both logs are empty)'] };
}

/** Log lines without Java stack frames: the exception's message is what explains a failure. */
export function meaningfulLines(log: string): string[] {
  return log.split('\n').filter((l) => l.trim() !== '' && !/^\s+at \S/.test(l) && !/^\s+\.\.\. \d+ more/.test(l));
}

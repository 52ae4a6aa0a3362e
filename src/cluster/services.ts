// Running a launch script subcommand on a host, with the outcome in words for the report.
import { OperationError } from '../core/errors.js';
import { readProcesses } from '../facts/run.js';
import type { ProcessFact } from '../facts/processes.js';
import { serviceScript, type Service } from '../render/layout.js';
import { startCommand, stopCommand, warningsOf } from '../ops/service.js';
import { quote } from '../core/shell.js';
import type { Ctx } from './context.js';

export interface ServiceOutcome {
  host: string;
  service: Service;
  /** what happened: started / already running / stopped / already stopped */
  result: 'started' | 'already running' | 'stopped' | 'already stopped';
  pid: number | null;
  warnings: string[];
}

/** One process of a rolling operation, with the role that decided its place in the order. */
export interface Rolled {
  /** "<host>/<service>" */
  process: string;
  /** ZooKeeper: follower | leader | ...; brokers: broker | controller */
  role: string;
  /** the process the order kept for last when this one's turn came (see keptLastFor) */
  leader: string | null;
}

export async function processOf(ctx: Ctx, host: string, service: Service): Promise<ProcessFact> {
  return (await readProcesses(await ctx.sessions.session(host)))[service];
}

/** Starts unless running (by pidfile + cmdline); the script itself is idempotent too. */
export async function startService(ctx: Ctx, host: string, service: Service): Promise<ServiceOutcome> {
  const session = await ctx.sessions.session(host);
  const before = (await readProcesses(session))[service];
  if (before.running) {
    ctx.progress.host(host, `${service} already running (pid ${before.pid})`);
    return { host, service, result: 'already running', pid: before.pid, warnings: [] };
  }
  const script = serviceScript(service);
  const installed = await session.exec(`[ -x ${quote(script)} ]`, { check: false });
  if (installed.code !== 0) throw new OperationError(`${host}: ${script} is missing: the host is not provisioned for ${service} (run npm run provision)`);
  ctx.progress.host(host, `starting ${service}`);
  const r = await session.exec(startCommand(service), { describe: `start ${service}`, timeoutMs: 30_000 });
  const after = (await readProcesses(session))[service];
  ctx.progress.host(host, `${service} started (pid ${after.pid ?? '?'})`);
  return { host, service, result: 'started', pid: after.pid, warnings: warningsOf(r.stderr) };
}

export async function stopService(ctx: Ctx, host: string, service: Service, timeoutS?: number): Promise<ServiceOutcome> {
  const session = await ctx.sessions.session(host);
  const before = (await readProcesses(session))[service];
  if (!before.running) {
    ctx.progress.host(host, `${service} already stopped`);
    return { host, service, result: 'already stopped', pid: null, warnings: [] };
  }
  ctx.progress.host(host, `stopping ${service} (pid ${before.pid})`);
  const r = await session.exec(stopCommand(service, timeoutS), { describe: `stop ${service}`, timeoutMs: 150_000 });
  const warnings = warningsOf(r.stderr);
  for (const w of warnings) ctx.progress.note(`${host}: ${w}`);
  ctx.progress.host(host, `${service} stopped`);
  return { host, service, result: 'stopped', pid: before.pid, warnings };
}

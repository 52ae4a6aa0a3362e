// Facts that are asked one at a time (gates poll them): service processes and ZooKeeper srvr.
import type { Service } from '../render/layout.js';
import type { Session } from '../remote/session.js';
import { parseProcesses, processesCommand, type ProcessFact } from './processes.js';
import { parseSrvr, srvrCommand, type SrvrFact, type SrvrTls } from './srvr.js';

export async function readProcesses(session: Pick<Session, 'exec'>): Promise<Record<Service, ProcessFact>> {
  const { stdout } = await session.exec(processesCommand(), { describe: 'read pidfiles' });
  return parseProcesses(stdout);
}

export async function readSrvr(session: Pick<Session, 'exec'>, port: number, tls: SrvrTls | null = null): Promise<SrvrFact> {
  const { stdout } = await session.exec(srvrCommand(port, tls), { describe: 'srvr', timeoutMs: 10_000 });
  return parseSrvr(stdout);
}

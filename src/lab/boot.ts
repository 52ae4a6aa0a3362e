// Powers a lab host on: its PID 1 starts in the host's network namespace, sets up its own
// mounts and hostname and becomes sshd. Returns once sshd accepts connections.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { OperationError } from '../core/errors.js';
import { bootArgv } from './commands.js';
import { assertRoutedViaLab } from './guard.js';
import type { LabHostNames } from './naming.js';
import { childrenOf, isAlive, listening } from './procs.js';
import { poll, tcpOpen } from './wait.js';

export interface BootedHost {
  name: string;
  /** PID 1 of the host, as seen from this machine */
  pid: number;
}

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-8).join('\n');
}

export interface BootOptions {
  hostDir: string;
  /** the lab's shared folder (mounted at LAB_SHARED_MOUNT) */
  sharedDir: string;
  logFile: string;
  sshPort: number;
  bridge: string;
  /** false for a partitioned host: readiness is then read from its sockets only */
  reachable?: boolean;
  timeoutMs?: number;
}

export async function bootHost(host: LabHostNames, options: BootOptions): Promise<BootedHost> {
  const { hostDir, sharedDir, logFile, sshPort, timeoutMs = 10_000 } = options;
  const reachable = options.reachable ?? true;
  // the readiness probe connects to the host's address: only ever through the lab bridge
  if (reachable) await assertRoutedViaLab(host.address, options.bridge);
  const [cmd, ...args] = bootArgv(host, hostDir, sharedDir);
  const log = openSync(logFile, 'a');
  // detached and unreferenced: the host outlives the command that powered it on
  const child = spawn(cmd!, args, { cwd: '/', detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.on('error', () => (exited = -1));
  child.unref();
  const launcher = child.pid;
  if (launcher === undefined) throw new OperationError(`${host.name}: could not start ${cmd}`);

  const failure = async (what: string) =>
    new OperationError(`${host.name}: ${what}; ${logFile}:\n${await logTail(logFile)}`);
  try {
    // `ip netns exec` becomes unshare (same pid), which forks the host's PID 1
    const pid = await poll(
      async () => {
        if (exited !== undefined) throw await failure(`boot exited with ${exited}`);
        return (await childrenOf(launcher))[0];
      },
      () => `${host.name}: PID 1 did not appear`,
      { timeoutMs, intervalMs: 2, maxIntervalMs: 20 },
    );
    await poll(
      async () => {
        if (exited !== undefined || !(await isAlive(pid))) throw await failure(`PID 1 (${pid}) died during boot`);
        if (!(await listening(pid, host.address, sshPort))) return false;
        return reachable ? tcpOpen(host.address, sshPort, 200) : true;
      },
      () => `${host.name}: sshd did not listen on ${host.address}:${sshPort}`,
      { timeoutMs, intervalMs: 5, maxIntervalMs: 50 },
    );
    return { name: host.name, pid };
  } catch (err) {
    try {
      if (exited === undefined) process.kill(launcher, 'SIGKILL'); // --kill-child takes PID 1 along
    } catch {
      // already gone
    }
    if (err instanceof OperationError) throw err;
    throw await failure((err as Error).message);
  }
}

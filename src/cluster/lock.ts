// Two provisioner runs against one cluster cannot interleave: a lock folder on the first
// ZooKeeper host, holding the owner's record. A lock whose owner died (same machine, pid
// gone) or that is older than the stale timeout is broken, but only if it is still the
// same lock we looked at (compare the record before removing).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { OperationError } from '../core/errors.js';
import { layout } from '../render/layout.js';
import { quote } from '../core/shell.js';
import type { Session } from '../remote/session.js';
import { describeOwner, formatOwner, parseOwner, staleReason, type LockOwner } from './lock-record.js';

export const LOCK_STALE_AFTER_MS = 30 * 60_000;
const recordOf = (dir: string): string => `${dir}/owner`;

export function acquireScript(owner: LockOwner, dir: string = layout.lockDir): string {
  const record = recordOf(dir);
  return [
    `mkdir -p -- ${quote(dir.slice(0, dir.lastIndexOf('/')))}`,
    `if mkdir -- ${quote(dir)} 2>/dev/null; then printf '%s\\n' ${quote(formatOwner(owner))} > ${quote(record)}; echo acquired`,
    `else echo held; echo "$(( $(date +%s) - $(stat -c %Y -- ${quote(dir)}) ))"; cat -- ${quote(record)} 2>/dev/null || true; fi`,
  ].join('\n');
}

/** Removes the lock only if its record still carries `token`. */
export function releaseScript(token: string, dir: string = layout.lockDir): string {
  const record = recordOf(dir);
  return `if grep -qF -- ${quote(`"token":"${token}"`)} ${quote(record)} 2>/dev/null; then rm -rf -- ${quote(dir)}; fi`;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Lock {
  release(): Promise<void>;
}

export interface LockOptions {
  staleAfterMs?: number;
  dir?: string;
}

export async function acquireLock(session: Pick<Session, 'exec' | 'name'>, command: string, log: (m: string) => void, opts: LockOptions = {}): Promise<Lock> {
  const { staleAfterMs = LOCK_STALE_AFTER_MS, dir = layout.lockDir } = opts;
  const owner: LockOwner = { token: randomBytes(8).toString('hex'), machine: hostname(), pid: process.pid, command, since: Date.now() };
  for (let attempt = 0; attempt < 2; attempt++) {
    const { stdout } = await session.exec(acquireScript(owner, dir), { describe: `lock ${dir}` });
    const [state, ageS, ...rest] = stdout.split('\n');
    if (state === 'acquired') {
      return { release: async () => void (await session.exec(releaseScript(owner.token, dir), { describe: `unlock ${dir}` })) };
    }
    const held = parseOwner(rest.join('\n').trim());
    const reason = staleReason(held, { machine: owner.machine, now: Date.now(), staleAfterMs, pidAlive, folderAgeMs: Number(ageS) * 1000 });
    if (!reason || attempt > 0) {
      throw new OperationError(`${session.name}: the cluster is locked by ${describeOwner(held)} (${dir}); wait for it, or remove the folder if that run is gone`);
    }
    log(`${session.name}: breaking stale lock of ${describeOwner(held)}: ${reason}`);
    const breakScript = held ? releaseScript(held.token, dir) : `rm -rf -- ${quote(dir)}`;
    await session.exec(breakScript, { describe: `break stale lock ${dir}` });
  }
  throw new Error('unreachable');
}

// The provisioner lock's record and the stale-lock decision (pure). The lock itself is a folder
// created with mkdir on the first ZooKeeper host: mkdir is atomic, so only one run gets it.
export interface LockOwner {
  /** random per run: release and stale-breaking only remove the lock they saw */
  token: string;
  /** control machine that holds it */
  machine: string;
  pid: number;
  command: string;
  /** ms since epoch */
  since: number;
}

export function formatOwner(owner: LockOwner): string {
  return JSON.stringify(owner);
}

export function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as LockOwner;
    return typeof o.token === 'string' && typeof o.machine === 'string' && Number.isInteger(o.pid) && typeof o.since === 'number' ? o : null;
  } catch {
    return null;
  }
}

export interface StaleCheck {
  machine: string;
  now: number;
  staleAfterMs: number;
  /** is `pid` alive on this machine */
  pidAlive: (pid: number) => boolean;
  /** age of the lock folder by its mtime, for records that cannot be read */
  folderAgeMs: number;
}

/** A reason the lock can be broken, or null when its owner may still be working. */
export function staleReason(owner: LockOwner | null, c: StaleCheck): string | null {
  if (!owner) return c.folderAgeMs > c.staleAfterMs ? `unreadable lock record, ${Math.round(c.folderAgeMs / 1000)} s old` : null;
  if (owner.machine === c.machine && !c.pidAlive(owner.pid)) return `owner pid ${owner.pid} on ${owner.machine} is gone`;
  const age = c.now - owner.since;
  if (age > c.staleAfterMs) return `held for ${Math.round(age / 1000)} s (stale after ${Math.round(c.staleAfterMs / 1000)} s)`;
  return null;
}

export function describeOwner(owner: LockOwner | null): string {
  if (!owner) return 'an unknown owner';
  return `${owner.command} (pid ${owner.pid} on ${owner.machine}, since ${new Date(owner.since).toISOString()})`;
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/cluster/lock.js';
import { staleReason, type LockOwner } from '../../src/cluster/lock-record.js';
import { localSession } from './local-session.js';

const root = mkdtempSync(join(tmpdir(), 'kcp-lock-'));
const dir = join(root, 'kafka-cluster', 'lock');
afterAll(() => rmSync(root, { recursive: true, force: true }));
const logs: string[] = [];
const log = (m: string) => logs.push(m);

describe('provisioner lock', () => {
  it('lets one run in and refuses a second, naming the holder', async () => {
    const first = await acquireLock(localSession('node01'), 'provision', log, { dir });
    await expect(acquireLock(localSession('node01'), 'start-cluster', log, { dir })).rejects.toThrow(/node01: the cluster is locked by provision \(pid \d+ on /);
    await first.release();
    expect(existsSync(dir)).toBe(false);
    const again = await acquireLock(localSession('node01'), 'status', log, { dir });
    await again.release();
  });

  it('breaks a lock whose owner process is gone', async () => {
    const dead = spawnSync('true').pid!; // exited: its pid is free
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const owner: LockOwner = { token: 'deadbeef', machine: hostname(), pid: dead, command: 'provision', since: Date.now() };
    writeFileSync(join(dir, 'owner'), JSON.stringify(owner));
    const lock = await acquireLock(localSession('node01'), 'provision', log, { dir });
    expect(logs.some((l) => l.includes(`owner pid ${dead}`))).toBe(true);
    expect(readFileSync(join(dir, 'owner'), 'utf8')).not.toContain('deadbeef');
    await lock.release();
  });

  it('release leaves someone else’s lock alone', async () => {
    const lock = await acquireLock(localSession(), 'a', log, { dir });
    const { writeFileSync: w } = await import('node:fs');
    w(join(dir, 'owner'), JSON.stringify({ token: 'other', machine: 'm', pid: 1, command: 'x', since: Date.now() }));
    await lock.release();
    expect(existsSync(dir)).toBe(true);
    rmSync(dir, { recursive: true });
  });
});

describe('staleReason', () => {
  const base = { machine: 'ctl', now: 1_000_000, staleAfterMs: 60_000, pidAlive: () => true, folderAgeMs: 0 };
  const owner: LockOwner = { token: 't', machine: 'ctl', pid: 5, command: 'provision', since: 990_000 };
  it('keeps a live, young lock', () => expect(staleReason(owner, base)).toBeNull());
  it('breaks a lock whose owner died on this machine', () => expect(staleReason(owner, { ...base, pidAlive: () => false })).toMatch(/pid 5 on ctl is gone/));
  it('cannot judge a pid on another machine, only the age', () => {
    expect(staleReason({ ...owner, machine: 'other' }, { ...base, pidAlive: () => false })).toBeNull();
    expect(staleReason({ ...owner, machine: 'other', since: 0 }, base)).toMatch(/held for 1000 s/);
  });
  it('an unreadable record is stale only by folder age', () => {
    expect(staleReason(null, base)).toBeNull();
    expect(staleReason(null, { ...base, folderAgeMs: 120_000 })).toMatch(/unreadable/);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { OperationError } from '../../src/core/errors.js';
import { withLock } from '../../src/dist/lock.js';
import { removeAll, tempDir } from './helpers.js';

// mkdir passes through, counted: the last test sees withLock's attempts to take the lock.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, mkdir: vi.fn(actual.mkdir) };
});

describe('withLock', () => {
  const dirs: string[] = [];
  afterAll(() => removeAll(dirs));

  it('runs holders one at a time and releases the lock afterwards, also on failure', async () => {
    const lock = join(await tempDir('lock-', dirs), 'x.lock');
    const events: string[] = [];
    const holder = (id: string) => async () => {
      events.push(`${id} in`);
      await sleep(50);
      events.push(`${id} out`);
      return id;
    };
    expect(await Promise.all([withLock(lock, holder('a')), withLock(lock, holder('b'))])).toEqual(['a', 'b']);
    // one at a time, whichever got the lock first: each holder's "in" is followed by its own "out"
    expect([['a in', 'a out', 'b in', 'b out'], ['b in', 'b out', 'a in', 'a out']]).toContainEqual(events);
    expect(existsSync(lock)).toBe(false);

    await expect(withLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose owner is dead', async () => {
    const lock = join(await tempDir('lock-', dirs), 'x.lock');
    const dead = spawnSync('true').pid!; // has exited by now
    await mkdir(lock);
    await writeFile(join(lock, 'pid'), String(dead));
    expect(await withLock(lock, async () => 'taken', 2_000)).toBe('taken');
  });

  it('waits for a live owner and gives up at the deadline', async () => {
    const lock = join(await tempDir('lock-', dirs), 'x.lock');
    await mkdir(lock);
    await writeFile(join(lock, 'pid'), String(process.pid));
    await expect(withLock(lock, async () => 'never', 300)).rejects.toBeInstanceOf(OperationError);
    expect(existsSync(lock)).toBe(true); // not ours: left alone
  });

  it('fails at once when the lock cannot be created at all', async () => {
    const lock = join(await tempDir('lock-', dirs), 'missing-parent', 'x.lock');
    const { mkdir: realMkdir } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    let attempted!: () => void;
    const firstAttempt = new Promise<void>((resolve) => (attempted = resolve));
    vi.mocked(mkdir)
      .mockClear()
      .mockImplementationOnce(((...args: Parameters<typeof realMkdir>) => {
        const made = realMkdir(...args);
        made.then(attempted, attempted); // registered before withLock awaits it: runs first
        return made;
      }) as typeof realMkdir);
    let outcome: unknown = 'still waiting for the lock';
    const taking = withLock(lock, async () => 'never', 10_000).then((v) => (outcome = v), (e: unknown) => (outcome = e));
    await Promise.race([firstAttempt, taking]);
    // Everything that follows from the failed mkdir without waiting has run by the next turn of
    // the event loop; a retry would first have to wait for a timer.
    await new Promise((r) => setImmediate(r));
    expect(outcome).toBeInstanceOf(OperationError);
    expect((outcome as Error).message).toMatch(/cannot take lock .*ENOENT/);
    expect(vi.mocked(mkdir).mock.calls.filter(([path]) => path === lock)).toHaveLength(1);
    await taking;
  });
});

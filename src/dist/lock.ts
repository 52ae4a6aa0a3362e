// One builder per cache entry at a time: parallel test files (or a test and `npm run dist`)
// that need the same tarball wait for the first build instead of running Maven twice on two
// cores. The lock is a directory (mkdir is atomic) holding the owner's pid; a lock whose
// owner is gone is taken over.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { OperationError } from '../core/errors.js';
import { poll } from '../core/poll.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock is stale when its pid is dead, or when it never got a pid (owner died in between). */
async function isStale(lockDir: string): Promise<boolean> {
  const pid = Number.parseInt(await readFile(`${lockDir}/pid`, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(pid) && pid > 0) return !isAlive(pid);
  const info = await stat(lockDir).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > 30_000;
}

type Attempt = { acquired: true } | { failed: unknown } | false;

async function tryAcquire(lockDir: string): Promise<Attempt> {
  try {
    await mkdir(lockDir);
  } catch (err) {
    // Anything but "someone holds it" (a missing or read-only cache folder) will not pass by waiting.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return { failed: err };
    if (await isStale(lockDir)) await rm(lockDir, { recursive: true, force: true });
    return false;
  }
  await writeFile(`${lockDir}/pid`, String(process.pid));
  return { acquired: true };
}

export async function withLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 20 * 60_000): Promise<T> {
  let attempt: Exclude<Attempt, false>;
  try {
    attempt = (await poll(async () => tryAcquire(lockDir), {
      deadlineMs: timeoutMs,
      intervalMs: 50,
      backoff: 2,
      maxIntervalMs: 1_000,
      describe: `lock ${lockDir}`,
    })) as Exclude<Attempt, false>;
  } catch (err) {
    throw new OperationError(`${(err as Error).message} (another build holds it; remove the folder if no build runs)`);
  }
  if ('failed' in attempt) throw new OperationError(`cannot take lock ${lockDir}: ${String(attempt.failed)}`);
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

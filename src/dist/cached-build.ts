// The cache discipline every distribution shares (Kafka's, Spark's): under a lock, a tarball
// whose record names the same inputs and whose bytes are still the recorded ones is used as it
// is; otherwise it is produced into a temporary file, hashed, checked against a pinned sha512,
// renamed into place and recorded. A build that died leaves nothing that counts as built.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { withLock } from './lock.js';
import { fileStampOf, readManifest, sameFile, sameInputs, writeManifest, type DistManifest } from './manifest.js';
import { assertSha512, sha512OfFile } from './sha512.js';

/** What decides a build's bytes: everything of the record but its results. */
export type DistInputs = Omit<DistManifest, 'sha512' | 'bytes' | 'file'>;

export interface CachedBuild {
  cacheDir: string;
  wanted: DistInputs;
  /** a sha512 the result must have (the inventory pins one), else null */
  pinned: string | null;
  /** where the refusal of a pinned sha512 says the bytes came from */
  pinnedWhat: string;
  /** writes the tarball to `tmp` (a file in cacheDir) */
  produce: (tmp: string) => Promise<void>;
  force?: boolean;
}

export const cachedTarballPath = (cacheDir: string, name: string): string => join(cacheDir, `${name}.tgz`);

async function cacheHit(tarball: string, wanted: DistInputs, pinned: string | null): Promise<DistManifest | null> {
  const recorded = await readManifest(tarball);
  if (!recorded || !sameInputs(recorded, wanted)) return null;
  const info = await stat(tarball).catch(() => null);
  if (!info?.isFile()) return null; // missing: rebuild
  const now = fileStampOf(info);
  if (!sameFile(recorded.file, now)) {
    const actual = await sha512OfFile(tarball).catch(() => null);
    if (actual !== recorded.sha512) return null; // damaged: rebuild
    recorded.file = now;
    await writeManifest(tarball, recorded); // we hold the lock
  }
  if (pinned && pinned !== recorded.sha512) return null; // rebuild, then refuse with the mismatch
  return recorded;
}

/** Work folders and partial files of builds that died (we hold the lock: nobody else builds `name`). */
async function removeLeftovers(cacheDir: string, name: string): Promise<void> {
  const leftover = (f: string) => f.startsWith(`.build-${name}-`) || (f.startsWith(`${name}.tgz.`) && /\.(tmp|part)$/.test(f));
  const files = (await readdir(cacheDir)).filter(leftover);
  await Promise.all(files.map((f) => rm(join(cacheDir, f), { recursive: true, force: true })));
}

export async function cachedBuild(b: CachedBuild): Promise<{ path: string; manifest: DistManifest; cached: boolean }> {
  const { name } = b.wanted;
  const tarball = cachedTarballPath(b.cacheDir, name);
  await mkdir(b.cacheDir, { recursive: true });
  return withLock(join(b.cacheDir, `${name}.lock`), async () => {
    const hit = b.force ? null : await cacheHit(tarball, b.wanted, b.pinned);
    if (hit) return { path: tarball, manifest: hit, cached: true };

    await removeLeftovers(b.cacheDir, name);
    const tmp = `${tarball}.${process.pid}.tmp`;
    try {
      await b.produce(tmp);
      const sha512 = await sha512OfFile(tmp);
      if (b.pinned) assertSha512(b.pinnedWhat, b.pinned, sha512);
      const manifest: DistManifest = { ...b.wanted, sha512, bytes: (await stat(tmp)).size };
      await rm(join(b.cacheDir, `${name}.tgz.json`), { force: true }); // never a record for the old bytes
      await rename(tmp, tarball);
      manifest.file = fileStampOf(await stat(tarball));
      await writeManifest(tarball, manifest);
      return { path: tarball, manifest, cached: false };
    } finally {
      await rm(tmp, { force: true });
    }
  });
}

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../src/core/errors.js';
import { downloadVerified } from '../../src/dist/fetch-url.js';
import { sha512OfBytes } from '../../src/dist/sha512.js';
import { fakeDistTarball, removeAll, serve, tempDir, type TestServer } from './helpers.js';

describe('downloadVerified', () => {
  const dirs: string[] = [];
  let server: TestServer;
  let tarball: Buffer;
  beforeAll(async () => {
    tarball = await fakeDistTarball(await tempDir('fetch-src-', dirs));
    server = await serve({ '/kafka.tgz': tarball });
  });
  afterAll(async () => {
    await server.close();
    await removeAll(dirs);
  });

  it('downloads and keeps a file whose sha512 is the expected one', async () => {
    const dest = join(await tempDir('fetch-', dirs), 'k.tgz');
    const got = await downloadVerified(server.url('/kafka.tgz'), sha512OfBytes(tarball), dest);
    expect(got).toEqual({ sha512: sha512OfBytes(tarball), bytes: tarball.length });
    expect(await readFile(dest)).toEqual(tarball);
  });

  it('refuses a mismatching download (exit 1) and leaves nothing behind', async () => {
    const dir = await tempDir('fetch-', dirs);
    const wrong = sha512OfBytes('something else');
    const failure = downloadVerified(server.url('/kafka.tgz'), wrong, join(dir, 'k.tgz'));
    await expect(failure).rejects.toBeInstanceOf(OperationError);
    await expect(failure).rejects.toThrow(`sha512 mismatch for ${server.url('/kafka.tgz')}:\n  expected ${wrong}\n  actual   ${sha512OfBytes(tarball)}`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports HTTP errors and unreachable servers as operation failures', async () => {
    const dir = await tempDir('fetch-', dirs);
    await expect(downloadVerified(server.url('/missing.tgz'), sha512OfBytes(tarball), join(dir, 'k.tgz'))).rejects.toThrow(
      `cannot download ${server.url('/missing.tgz')}: HTTP 404 Not Found`,
    );
    const closed = await serve({});
    const nobody = closed.url('/k.tgz');
    await closed.close(); // nothing listens on that loopback port any more
    await expect(downloadVerified(nobody, sha512OfBytes(tarball), join(dir, 'k.tgz'))).rejects.toThrow(`cannot download ${nobody}: ECONNREFUSED`);
    expect(existsSync(join(dir, 'k.tgz'))).toBe(false);
  });
});

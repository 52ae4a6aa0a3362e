import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, OperationError } from '../../src/core/errors.js';
import { ensureDistribution } from '../../src/dist/index.js';
import { sha512OfBytes } from '../../src/dist/sha512.js';
import { FAKE, fakeDistTarball, removeAll, serve, settings, tempDir, type TestServer } from './helpers.js';

describe('ensureDistribution', () => {
  const dirs: string[] = [];
  let server: TestServer;
  let good: Buffer;
  let other: Buffer;
  let wrongTop: Buffer;
  let src: string;

  beforeAll(async () => {
    src = await tempDir('dist-src-', dirs);
    good = await fakeDistTarball(src, FAKE.name, 'v1');
    other = await fakeDistTarball(src, FAKE.name, 'v2');
    wrongTop = await fakeDistTarball(src, 'kafka_2.13-3.9.1', 'v1');
    server = await serve({ '/good.tgz': good, '/other.tgz': other, '/wrong-top.tgz': wrongTop });
  });
  afterAll(async () => {
    await server.close();
    await removeAll(dirs);
  });

  const urlSettings = (path: string, body: Buffer) => settings({ source: 'url', url: server.url(path), sha512: sha512OfBytes(body) });

  it('source url: downloads once, then answers from the cache without a request', async () => {
    const cache = await tempDir('dist-cache-', dirs);
    const before = server.requests.length;
    const first = await ensureDistribution(urlSettings('/good.tgz', good), cache);
    expect(first).toEqual({
      path: join(cache, `${FAKE.name}.tgz`),
      sha512: sha512OfBytes(good),
      source: 'url',
      version: FAKE.version,
      scala: FAKE.scala,
      cached: false,
      bytes: good.length,
    });
    expect(await readFile(first.path)).toEqual(good);
    const second = await ensureDistribution(urlSettings('/good.tgz', good), cache);
    expect(second).toEqual({ ...first, cached: true });
    expect(server.requests.length - before).toBe(1);
    expect((await readdir(cache)).sort()).toEqual([`${FAKE.name}.tgz`, `${FAKE.name}.tgz.json`]);
  });

  it('source url: other inputs or a damaged cached tarball mean a new download', async () => {
    const cache = await tempDir('dist-cache-', dirs);
    await ensureDistribution(urlSettings('/good.tgz', good), cache);
    const changed = await ensureDistribution(urlSettings('/other.tgz', other), cache);
    expect(changed.cached).toBe(false);
    expect(changed.sha512).toBe(sha512OfBytes(other));
    await writeFile(changed.path, 'damaged');
    const repaired = await ensureDistribution(urlSettings('/other.tgz', other), cache);
    expect(repaired.cached).toBe(false);
    expect(await readFile(repaired.path)).toEqual(other);
  });

  it('records the tarball it hashed (size, mtime, inode), and adds that to an older record', async () => {
    const cache = await tempDir('dist-cache-', dirs);
    const first = await ensureDistribution(urlSettings('/good.tgz', good), cache);
    const recorded = async () => JSON.parse(await readFile(`${first.path}.json`, 'utf8')) as { file?: { size: number; mtime_ms: number; ino: number } };
    const info = await stat(first.path);
    expect((await recorded()).file).toEqual({ size: info.size, mtime_ms: info.mtimeMs, ino: info.ino });
    const { file: _file, ...older } = await recorded();
    await writeFile(`${first.path}.json`, JSON.stringify(older));
    expect(await ensureDistribution(urlSettings('/good.tgz', good), cache)).toEqual({ ...first, cached: true });
    expect((await recorded()).file).toEqual({ size: info.size, mtime_ms: info.mtimeMs, ino: info.ino });
  });

  it('removes what a build that died left behind', async () => {
    const cache = await tempDir('dist-cache-', dirs);
    const leftovers = [`.build-${FAKE.name}-AbC123`, `${FAKE.name}.tgz.4242.tmp`, `${FAKE.name}.tgz.4242.part`];
    for (const f of leftovers) await writeFile(join(cache, f), 'x');
    await writeFile(join(cache, 'kafka_2.13-3.9.2.tgz.4242.tmp'), 'another build: not ours to touch');
    await ensureDistribution(urlSettings('/good.tgz', good), cache);
    expect((await readdir(cache)).sort()).toEqual(['kafka_2.13-3.9.2.tgz.4242.tmp', `${FAKE.name}.tgz`, `${FAKE.name}.tgz.json`]);
  });

  it('source url: concurrent callers share one download', async () => {
    const cache = await tempDir('dist-cache-', dirs);
    const before = server.requests.length;
    const results = await Promise.all([1, 2, 3].map(() => ensureDistribution(urlSettings('/good.tgz', good), cache)));
    expect(server.requests.length - before).toBe(1);
    expect(results.map((r) => r.cached).sort()).toEqual([false, true, true]);
  });

  it('source url: refuses a sha512 mismatch (exit 1) and keeps no tarball and no record', async () => {
    const cache = await tempDir('dist-cache-', dirs);
    const pinned = settings({ source: 'url', url: server.url('/good.tgz'), sha512: sha512OfBytes(other) });
    const failure = ensureDistribution(pinned, cache);
    await expect(failure).rejects.toBeInstanceOf(OperationError);
    await expect(failure).rejects.toThrow(/sha512 mismatch for http:\/\/127\.0\.0\.1:\d+\/good\.tgz/);
    expect((await readdir(cache)).filter((f) => !f.endsWith('.lock'))).toEqual([]);
  });

  it('refuses a tarball that is not kafka_<scala>-<version>/ with libs', async () => {
    const cache = await tempDir('dist-cache-', dirs);
    await expect(ensureDistribution(urlSettings('/wrong-top.tgz', wrongTop), cache)).rejects.toThrow(
      `${server.url('/wrong-top.tgz')} is not a ${FAKE.name} distribution: entries outside ${FAKE.name}/`,
    );
    expect(existsSync(join(cache, `${FAKE.name}.tgz`))).toBe(false);
  });

  it('source file: copies into the cache, verifies a pinned sha512, notices a changed file', async () => {
    const cache = await tempDir('dist-cache-', dirs);
    const file = join(src, 'local.tgz');
    await writeFile(file, good);
    const first = await ensureDistribution(settings({ source: 'file', file, sha512: sha512OfBytes(good) }), cache);
    expect(first).toMatchObject({ path: join(cache, `${FAKE.name}.tgz`), sha512: sha512OfBytes(good), source: 'file', cached: false });
    expect((await ensureDistribution(settings({ source: 'file', file }), cache)).cached).toBe(true);

    await writeFile(file, other);
    const changed = await ensureDistribution(settings({ source: 'file', file }), cache);
    expect(changed).toMatchObject({ sha512: sha512OfBytes(other), cached: false });
    await expect(ensureDistribution(settings({ source: 'file', file, sha512: sha512OfBytes(good) }), cache)).rejects.toThrow(
      `sha512 mismatch for ${file}`,
    );
  });

  it('bad settings are input errors (exit 2)', async () => {
    const cache = await tempDir('dist-cache-', dirs);
    const cases = [
      [settings({ version: '3.9' }), 'cluster.kafka.version: "3.9" is not a release like 3.9.1'],
      [settings({ scala: 'x' }), 'cluster.kafka.scala: "x" is not a Scala binary version like 2.13'],
      [settings({ source: 'url', url: server.url('/good.tgz') }), 'cluster.kafka: source url needs url and sha512'],
      [settings({ source: 'file' }), 'cluster.kafka: source file needs file'],
      [settings({ source: 'file', file: join(src, 'nope.tgz') }), `cluster.kafka.file: ${join(src, 'nope.tgz')} does not exist or is not a file`],
    ] as const;
    for (const [bad, message] of cases) {
      const failure = ensureDistribution(bad, cache);
      await expect(failure).rejects.toBeInstanceOf(InputError);
      await expect(failure).rejects.toThrow(message);
    }
  });
});

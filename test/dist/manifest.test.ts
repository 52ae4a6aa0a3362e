import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestPath, readManifest, sameInputs, writeManifest, type DistManifest } from '../../src/dist/manifest.js';

const recorded: DistManifest = {
  name: 'kafka_2.13-3.9.2',
  version: '3.9.2',
  scala: '2.13',
  source: 'maven',
  inputs: { recipe: 'r1', pom_sha512: 'aa' },
  sha512: 'ff',
  bytes: 10,
};
const { sha512: _s, bytes: _b, ...wanted } = recorded;

describe('cache manifest', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('matches only the same name, version, scala, source and inputs', () => {
    expect(sameInputs(recorded, wanted)).toBe(true);
    expect(sameInputs(recorded, { ...wanted, version: '3.9.1' })).toBe(false);
    expect(sameInputs(recorded, { ...wanted, scala: '2.12' })).toBe(false);
    expect(sameInputs(recorded, { ...wanted, source: 'url' })).toBe(false);
    expect(sameInputs(recorded, { ...wanted, inputs: { recipe: 'r1', pom_sha512: 'ab' } })).toBe(false);
    expect(sameInputs(recorded, { ...wanted, inputs: { recipe: 'r1' } })).toBe(false);
    expect(sameInputs(recorded, { ...wanted, inputs: { ...wanted.inputs, extra: 'x' } })).toBe(false);
  });

  it('is written next to the tarball and read back; missing or broken reads as null', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    dirs.push(dir);
    const tarball = join(dir, 'kafka_2.13-3.9.2.tgz');
    expect(manifestPath(tarball)).toBe(`${tarball}.json`);
    expect(await readManifest(tarball)).toBeNull();
    await writeManifest(tarball, recorded);
    expect(await readManifest(tarball)).toEqual(recorded);
    await writeFile(manifestPath(tarball), '{ not json');
    expect(await readManifest(tarball)).toBeNull();
  });
});

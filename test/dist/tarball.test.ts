import { execFile } from 'node:child_process';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sha512OfFile } from '../../src/dist/sha512.js';
import { createTarball, extractTarball, layoutProblems, listTarball, tarCreateArgs } from '../../src/dist/tarball.js';
import { removeAll, tempDir } from './helpers.js';

const run = promisify(execFile);

describe('tarball', () => {
  const dirs: string[] = [];
  afterAll(() => removeAll(dirs));

  it('packs with sorted names, epoch mtimes, root owner and normalised modes', () => {
    expect(tarCreateArgs('/w', 'kafka_2.13-3.9.2').join(' ')).toBe(
      '--create --file=- --format=gnu --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner ' +
        '--mode=u+rwX,go+rX,go-w --directory /w kafka_2.13-3.9.2',
    );
  });

  it('gives the same bytes for the same content, whatever the mtimes and creation order', async () => {
    const dir = await tempDir('tarball-', dirs);
    const build = async (name: string, order: string[], mtime: number) => {
      const top = join(dir, name, 'k');
      await mkdir(join(top, 'libs'), { recursive: true });
      for (const f of order) await writeFile(join(top, 'libs', f), `content of ${f}`);
      for (const f of order) await utimes(join(top, 'libs', f), mtime, mtime);
      await createTarball(join(dir, name), 'k', join(dir, `${name}.tgz`));
      return sha512OfFile(join(dir, `${name}.tgz`));
    };
    const a = await build('a', ['z.jar', 'a.jar', 'm.jar'], 1_000_000);
    const b = await build('b', ['m.jar', 'z.jar', 'a.jar'], 2_000_000);
    expect(a).toBe(b);
    const c = await build('c', ['m.jar', 'z.jar', 'b.jar'], 2_000_000);
    expect(c).not.toBe(a);

    expect(await listTarball(join(dir, 'a.tgz'))).toEqual(['k/', 'k/libs/', 'k/libs/a.jar', 'k/libs/m.jar', 'k/libs/z.jar']);
    const { stdout } = await run('tar', ['-tvzf', join(dir, 'a.tgz')]);
    for (const line of stdout.trim().split('\n')) expect(line).toMatch(/^[-d]rw.r..r.. 0\/0 .* 1970-01-01 00:00 k\//);
    // gzip -n: no name, no timestamp in the gzip header (bytes 4..7 are the mtime)
    expect((await readFile(join(dir, 'a.tgz'))).subarray(4, 8)).toEqual(Buffer.alloc(4));

    await mkdir(join(dir, 'out'));
    await extractTarball(join(dir, 'a.tgz'), join(dir, 'out'));
    expect(await readFile(join(dir, 'out', 'k', 'libs', 'm.jar'), 'utf8')).toBe('content of m.jar');
  });

  it('accepts one top folder with libs/*.jar and names what else is wrong', () => {
    const name = 'kafka_2.13-3.9.2';
    expect(layoutProblems([`${name}/`, `${name}/libs/`, `${name}/libs/kafka-clients-3.9.2.jar`], name)).toEqual([]);
    expect(layoutProblems([`${name}/`, `${name}/VERSION`], name)).toEqual([`no ${name}/libs/*.jar`]);
    expect(layoutProblems(['kafka_2.13-3.9.1/', 'kafka_2.13-3.9.1/libs/a.jar'], name)).toEqual([
      `entries outside ${name}/: kafka_2.13-3.9.1/, kafka_2.13-3.9.1/libs/a.jar`,
      `no ${name}/libs/*.jar`,
    ]);
    expect(layoutProblems([`${name}/libs/a.jar`, `${name}/../evil`], name)).toEqual([`unsafe entry paths: ${name}/../evil`]);
    // the dot in the version is literal
    expect(layoutProblems(['kafka_2.13-3.9x2/libs/a.jar'], 'kafka_2.13-3.9.2')).toHaveLength(2);
  });
});

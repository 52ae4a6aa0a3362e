// scripts/dist.ts as a user runs it: stdout carries exactly one JSON document with --json,
// progress goes to stderr, exit codes 0 / 1 (operation failed) / 2 (bad input).
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha512OfBytes } from '../../src/dist/sha512.js';
import { FAKE, fakeDistTarball, removeAll, serve, tempDir, type TestServer } from './helpers.js';

const REPO = join(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function dist(args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'scripts/dist.ts'), ...args], { cwd: REPO });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The repository's inventory with its cluster.kafka section replaced, and no metrics agent to fetch. */
async function inventoryWith(dir: string, name: string, kafka: string): Promise<string> {
  const base = (await readFile(join(REPO, 'inventory.yaml'), 'utf8')).replace(/^( {4}metrics_port:) \d+/m, '$1 ~');
  const replaced = base.replace(/^ {2}kafka:\n(?: {4}.*\n)+/m, `  kafka:\n${kafka.replace(/^/gm, '    ')}\n`);
  expect(replaced).not.toBe(base);
  const file = join(dir, name);
  await writeFile(file, replaced);
  return file;
}

// Each run starts tsx (about 2 s on a busy two-core machine): allow for several per test.
describe('npm run dist (scripts/dist.ts)', { timeout: 60_000 }, () => {
  const dirs: string[] = [];
  let server: TestServer;
  let tarball: Buffer;
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('dist-cli-', dirs);
    tarball = await fakeDistTarball(dir);
    server = await serve({ '/kafka.tgz': tarball });
  });
  afterAll(async () => {
    await server.close();
    await removeAll(dirs);
  });

  it('--json prints exactly one JSON document on stdout: built, then cached', async () => {
    const inv = await inventoryWith(dir, 'url.yaml', `version: "${FAKE.version}"\nscala: "2.13"\nsource: url\nurl: ${server.url('/kafka.tgz')}\nsha512: ${sha512OfBytes(tarball)}`);
    const cache = join(dir, 'cache');
    const first = await dist(['--inventory', inv, '--json', '--cache-dir', cache]);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(first.stdout)).toEqual({
      path: join(cache, `${FAKE.name}.tgz`),
      sha512: sha512OfBytes(tarball),
      source: 'url',
      version: FAKE.version,
      scala: '2.13',
      cached: false,
      bytes: tarball.length,
      metrics_agent: null,
    });
    expect(first.stderr).toContain(`downloading ${server.url('/kafka.tgz')}`);

    const second = await dist(['--inventory', inv, '--json', '--cache-dir', cache]);
    expect(JSON.parse(second.stdout)).toMatchObject({ sha512: sha512OfBytes(tarball), cached: true });

    const text = await dist(['--inventory', inv, '--cache-dir', cache]);
    expect(text.stdout).toBe(
      `path    ${join(cache, `${FAKE.name}.tgz`)}\nsha512  ${sha512OfBytes(tarball)}\n` +
        `kafka   ${FAKE.version} (scala 2.13), source url, 0.0 MB, cached\n`,
    );
  });

  it('exits 1 with a clear message and an empty stdout on a sha512 mismatch', async () => {
    const wrong = sha512OfBytes('not the tarball');
    const inv = await inventoryWith(dir, 'wrong.yaml', `version: "${FAKE.version}"\nscala: "2.13"\nsource: url\nurl: ${server.url('/kafka.tgz')}\nsha512: ${wrong}`);
    const out = await dist(['--inventory', inv, '--json', '--cache-dir', join(dir, 'cache-wrong')]);
    expect(out).toMatchObject({ code: 1, stdout: '' });
    expect(out.stderr).toContain(`dist: sha512 mismatch for ${server.url('/kafka.tgz')}:\n  expected ${wrong}\n  actual   ${sha512OfBytes(tarball)}`);
  });

  it('exits 2 on bad arguments and on an invalid inventory', async () => {
    const badArg = await dist(['--inventroy', 'x.yaml']);
    expect(badArg.code).toBe(2);
    expect(badArg.stderr).toContain('usage: npm run dist');
    const inv = await inventoryWith(dir, 'nosha.yaml', `version: "${FAKE.version}"\nsource: url\nurl: ${server.url('/kafka.tgz')}`);
    const before = server.requests.length;
    const badInventory = await dist(['--inventory', inv, '--json', '--cache-dir', join(dir, 'cache-bad')]);
    expect(badInventory).toMatchObject({ code: 2, stdout: '' });
    expect(badInventory.stderr).toMatch(/nosha\.yaml:\d+: cluster\.kafka\.sha512: .*sha512 is required/);
    expect(server.requests.length).toBe(before); // bad input contacts nothing
  });
});

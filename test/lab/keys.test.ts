import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureKeyPair, keygenArgv } from '../../src/lab/keys.js';

describe('key pairs', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('builds the ssh-keygen command', () => {
    expect(keygenArgv('/k/id', 'c@x')).toEqual(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'c@x', '-f', '/k/id']);
  });

  it('makes an ed25519 pair once, private key 0600, and keeps it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kcp-lab-keys-'));
    dirs.push(dir);
    const file = join(dir, 'ssh', 'id_ed25519');
    const first = await ensureKeyPair(file, 'kcp-test');
    expect(first).toMatch(/^ssh-ed25519 AAAA\S+ kcp-test$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await ensureKeyPair(file, 'kcp-test')).toBe(first);
    // a lost .pub is derived again from the private key
    await rm(`${file}.pub`);
    const again = await ensureKeyPair(file, 'kcp-test');
    expect(again.split(' ').slice(0, 2)).toEqual(first.split(' ').slice(0, 2));
    expect((await readFile(`${file}.pub`, 'utf8')).trim()).toBe(again);
  });
});

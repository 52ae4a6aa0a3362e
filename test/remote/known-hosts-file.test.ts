import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendKnownHost, readKnownHosts } from '../../src/remote/known-hosts-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kcp-khf-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const key = (n: number): string => Buffer.from(`key-${n}`.padEnd(20, '.')).toString('base64');

describe('known_hosts file', () => {
  it('reads a missing file as empty', async () => {
    expect(await readKnownHosts(join(dir, 'nope'))).toEqual({ entries: [], warnings: [] });
  });

  it('creates the file 0600 and appends lines, leaving no temp files', async () => {
    const file = join(dir, 'known_hosts');
    await appendKnownHost(file, `node01 ssh-ed25519 ${key(1)}`);
    await appendKnownHost(file, `node02 ssh-ed25519 ${key(2)}`);
    expect(readFileSync(file, 'utf8')).toBe(`node01 ssh-ed25519 ${key(1)}\nnode02 ssh-ed25519 ${key(2)}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['known_hosts']);
  });

  it('keeps existing content and mode, adding the missing final newline', async () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `# mine\nnode01 ssh-ed25519 ${key(1)}`, { mode: 0o644 });
    await appendKnownHost(file, `node02 ssh-ed25519 ${key(2)}`);
    expect(readFileSync(file, 'utf8')).toBe(`# mine\nnode01 ssh-ed25519 ${key(1)}\nnode02 ssh-ed25519 ${key(2)}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('loses no line when many hosts are recorded at once', async () => {
    const file = join(dir, 'known_hosts');
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendKnownHost(file, `node${i} ssh-ed25519 ${key(i)}`)));
    const { entries } = await readKnownHosts(file);
    expect(entries).toHaveLength(20);
    expect(new Set(entries.map((e) => e.line)).size).toBe(20);
  });

  it('fails (and keeps serving later appends) when the folder does not exist', async () => {
    const file = join(dir, 'missing', 'known_hosts');
    await expect(appendKnownHost(file, 'x ssh-ed25519 AAAA')).rejects.toThrow(/ENOENT/);
    const ok = join(dir, 'known_hosts');
    await appendKnownHost(ok, `node01 ssh-ed25519 ${key(1)}`);
    expect((await readKnownHosts(ok)).entries).toHaveLength(1);
  });
});

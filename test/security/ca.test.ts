import { mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCa, processMaterial, runLocal, securityDir, type Run } from '../../src/security/ca.js';
import { certificateProblems } from '../../src/security/certificate.js';
import { processIdentity } from '../../src/security/openssl.js';

let base: string;
const node01 = { host: { name: 'node01', address: '192.168.56.11' }, service: 'kafka' } as never;
/** runLocal, keeping every command line it ran */
const commands: string[][] = [];
const run: Run = (argv) => {
  commands.push(argv);
  return runLocal(argv);
};

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'ca-'));
  commands.length = 0;
});
afterEach(() => rm(base, { recursive: true, force: true }));

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('ensureCa', () => {
  it('makes the CA once under <inventory folder>/.kcp-secrets/<cluster>: folder 0700, key 0600, ignored by git; then reuses it', async () => {
    const cluster = { baseDir: base, name: 'demo' };
    const made = await ensureCa(cluster, run);
    expect(made).toMatchObject({ dir: join(base, '.kcp-secrets', 'demo'), created: true });
    expect(securityDir(cluster)).toBe(made.dir);
    expect(await mode(made.dir)).toBe(0o700);
    expect(await mode(made.keyFile)).toBe(0o600);
    expect(await readFile(join(base, '.kcp-secrets', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(made.certPem).toMatch(/^-----BEGIN CERTIFICATE-----/);

    const again = await ensureCa(cluster, run);
    expect(again).toMatchObject({ created: false, certPem: made.certPem });
    expect(commands).toHaveLength(2); // one key, one certificate: nothing made the second time
  });

  it('never replaces half a CA or one whose key does not match', async () => {
    const cluster = { baseDir: base, name: 'demo' };
    const ca = await ensureCa(cluster, run);
    await unlink(ca.keyFile);
    await expect(ensureCa(cluster, run)).rejects.toThrow(/ca\.key is missing while the other half of the CA is there/);
    // a key of another CA next to this certificate
    const other = await ensureCa({ baseDir: base, name: 'other' }, run);
    await runLocal(['cp', other.keyFile, ca.keyFile]);
    await expect(ensureCa(cluster, run)).rejects.toThrow(/ca\.crt: ca\.key does not belong to it; the CA is never replaced/);
  });
});

describe('processMaterial', () => {
  it('issues a key (0600) and certificate per process, reuses them while they serve it, issues anew when the address changes', async () => {
    const cluster = { baseDir: base, name: 'demo' };
    const ca = await ensureCa(cluster, run);
    const first = await processMaterial(cluster, ca, node01, run);
    expect(first).toMatchObject({ issued: true, keyFile: join(ca.dir, 'node01-kafka.key'), certFile: join(ca.dir, 'node01-kafka.crt') });
    expect(await mode(first.keyFile)).toBe(0o600);
    expect(certificateProblems({ certPem: first.certPem, key: first.key, caPem: ca.certPem, identity: processIdentity(cluster, node01) })).toEqual([]);

    const again = await processMaterial(cluster, ca, node01, run);
    expect(again).toMatchObject({ issued: false, certPem: first.certPem });

    const moved = { host: { name: 'node01', address: '192.168.56.21' }, service: 'kafka' } as never;
    const reissued = await processMaterial(cluster, ca, moved, run);
    expect(reissued.issued).toBe(true);
    expect(reissued.key.reveal()).not.toBe(first.key.reveal());
    expect(certificateProblems({ certPem: reissued.certPem, key: reissued.key, caPem: ca.certPem, identity: processIdentity(cluster, moved) })).toEqual([]);
  });

  it('renew (rotate-certs): a new key and certificate from the same CA, though the old ones still serve', async () => {
    const cluster = { baseDir: base, name: 'demo' };
    const ca = await ensureCa(cluster, run);
    const first = await processMaterial(cluster, ca, node01, run);
    const renewed = await processMaterial(cluster, ca, node01, run, true);
    expect(renewed.issued).toBe(true);
    expect(renewed.certPem).not.toBe(first.certPem);
    expect(renewed.key.reveal()).not.toBe(first.key.reveal());
    expect(certificateProblems({ certPem: renewed.certPem, key: renewed.key, caPem: ca.certPem, identity: processIdentity(cluster, node01) })).toEqual([]);
    expect(await processMaterial(cluster, ca, node01, run)).toMatchObject({ issued: false, certPem: renewed.certPem });
    expect((await ensureCa(cluster, run)).certPem).toBe(ca.certPem);
  });

  it('puts no key on any command line', async () => {
    const cluster = { baseDir: base, name: 'demo' };
    const ca = await ensureCa(cluster, run);
    const m = await processMaterial(cluster, ca, node01, run);
    const caKey = await readFile(ca.keyFile, 'utf8');
    const lines = commands.map((c) => c.join(' '));
    for (const body of [m.key.reveal(), caKey].map((pem) => pem.split('\n')[1]!)) for (const line of lines) expect(line).not.toContain(body);
  });
});

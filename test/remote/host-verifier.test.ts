import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyError } from '../../src/remote/errors.js';
import { fingerprintSha256 } from '../../src/remote/host-key.js';
import { hostVerifier, type HostKeyPolicy } from '../../src/remote/host-verifier.js';
import { parseKnownHosts } from '../../src/remote/known-hosts.js';

let dir: string;
let real: { line: string; blob: Buffer; fp: string };
let other: { line: string; blob: Buffer; fp: string };

function keypair(name: string): { line: string; blob: Buffer; fp: string } {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, name)]);
  const [type, b64] = readFileSync(join(dir, `${name}.pub`), 'utf8').split(/\s+/);
  const fp = execFileSync('ssh-keygen', ['-lf', join(dir, `${name}.pub`)], { encoding: 'utf8' }).split(' ')[1]!;
  return { line: `${type} ${b64}`, blob: Buffer.from(b64!, 'base64'), fp };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kcp-verifier-'));
  real = keypair('real');
  other = keypair('other');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function policy(text: string, over: Partial<HostKeyPolicy> = {}): HostKeyPolicy {
  const file = join(dir, `known_hosts_${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  return {
    host: 'node01',
    where: 'node01 (192.168.56.11:22)',
    names: ['node01', '192.168.56.11'],
    entries: parseKnownHosts(text).entries,
    knownHostsFile: file,
    acceptNew: false,
    ...over,
  };
}

function decide(p: HostKeyPolicy, key: Buffer): Promise<{ ok: boolean; refusal: HostKeyError | undefined }> {
  const v = hostVerifier(p);
  return new Promise((resolve) => v.verify(key, (ok) => resolve({ ok, refusal: v.refusal() })));
}

describe('hostVerifier', () => {
  it('accepts the pinned key and records nothing', async () => {
    const p = policy(`node01,192.168.56.11 ${real.line}\n`);
    expect(await decide(p, real.blob)).toEqual({ ok: true, refusal: undefined });
    expect(readFileSync(p.knownHostsFile, 'utf8')).toBe(`node01,192.168.56.11 ${real.line}\n`);
  });

  it.each([false, true])('refuses a changed key (acceptNew=%s) naming the host and both fingerprints', async (acceptNew) => {
    const p = policy(`# pins\nnode01,192.168.56.11 ${real.line}\n`, { acceptNew });
    const { ok, refusal } = await decide(p, other.blob);
    expect(ok).toBe(false);
    expect(refusal).toBeInstanceOf(HostKeyError);
    expect(refusal!.host).toBe('node01');
    expect(refusal!.message).toBe(
      `node01 (192.168.56.11:22): HOST KEY CHANGED — known_hosts has ${real.fp} (ssh-ed25519, ${p.knownHostsFile}:2), ` +
        `the host presented ${other.fp} (ssh-ed25519). Refusing to connect: someone could be intercepting, ` +
        `or the host was re-installed (then remove the old line from ${p.knownHostsFile})`,
    );
    expect(fingerprintSha256(other.blob)).toBe(other.fp);
    expect(readFileSync(p.knownHostsFile, 'utf8')).toBe(`# pins\nnode01,192.168.56.11 ${real.line}\n`);
  });

  it('refuses an unknown host without accept-new, and leaves known_hosts alone', async () => {
    const p = policy(`node02 ${real.line}\n`);
    const { ok, refusal } = await decide(p, real.blob);
    expect(ok).toBe(false);
    expect(refusal!.message).toBe(
      `node01 (192.168.56.11:22): host key ${real.fp} (ssh-ed25519) is not in ${p.knownHostsFile}; refusing to connect (pass --accept-new-host-keys to record it)`,
    );
    expect(readFileSync(p.knownHostsFile, 'utf8')).toBe(`node02 ${real.line}\n`);
  });

  it('with accept-new records an unknown host under its name and address before accepting', async () => {
    const logs: string[] = [];
    const p = policy(`node02 ${other.line}\n`, { acceptNew: true, log: (m) => logs.push(m) });
    expect(await decide(p, real.blob)).toEqual({ ok: true, refusal: undefined });
    expect(readFileSync(p.knownHostsFile, 'utf8')).toBe(`node02 ${other.line}\nnode01,192.168.56.11 ${real.line}\n`);
    expect(logs).toEqual([`node01 (192.168.56.11:22): recorded new host key ${real.fp} (ssh-ed25519) in ${p.knownHostsFile}`]);
    // recorded: the next decision, from the file, is a plain match
    const again = policy(readFileSync(p.knownHostsFile, 'utf8'));
    expect((await decide(again, real.blob)).ok).toBe(true);
  });

  it('refuses a revoked key even with accept-new', async () => {
    const p = policy(`node01 ${real.line}\n@revoked * ${real.line}\n`, { acceptNew: true });
    const { ok, refusal } = await decide(p, real.blob);
    expect(ok).toBe(false);
    expect(refusal!.message).toBe(`node01 (192.168.56.11:22): host key ${real.fp} (ssh-ed25519) is marked @revoked in ${p.knownHostsFile}:2; refusing to connect`);
  });

  it('reports a known_hosts file that cannot be written as the refusal', async () => {
    const p = { ...policy(''), acceptNew: true, knownHostsFile: join(dir, 'no-such-dir', 'known_hosts') };
    const { ok, refusal } = await decide(p, real.blob);
    expect(ok).toBe(false);
    expect(refusal!.message).toMatch(/could not record the new host key in .*no-such-dir\/known_hosts: ENOENT/);
  });
});

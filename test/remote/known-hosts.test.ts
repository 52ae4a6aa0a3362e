import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  hashHostName,
  knownHostsLine,
  lookupName,
  parseKnownHosts,
  pinnedKeyTypes,
  verifyHostKey,
} from '../../src/remote/known-hosts.js';

// Synthetic key blobs in SSH wire format (type string + payload): distinct and parseable.
function blob(type: string, seed: string): Buffer {
  const t = Buffer.from(type);
  const payload = Buffer.from(seed.padEnd(32, '.'));
  const len = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return Buffer.concat([len(t.length), t, len(payload.length), payload]);
}
const A = blob('ssh-ed25519', 'key-a');
const B = blob('ssh-ed25519', 'key-b');
const R = blob('ssh-rsa', 'key-rsa');
const b64 = (k: Buffer): string => k.toString('base64');

describe('parseKnownHosts', () => {
  it('reads plain, bracketed, hashed and marked lines, skipping comments and junk', () => {
    const salt = randomBytes(20);
    const text = [
      '# comment',
      '',
      `node01,192.168.56.11 ssh-ed25519 ${b64(A)} root@lab`,
      `[node02]:2222,[192.168.56.12]:2222 ssh-rsa ${b64(R)}`,
      `${hashHostName('node03', salt)} ssh-ed25519 ${b64(B)}`,
      `@revoked * ssh-ed25519 ${b64(B)}`,
      `@cert-authority *.lab ssh-ed25519 ${b64(A)}`,
      'garbage-line-without-key',
      `@bogus node09 ssh-ed25519 ${b64(A)}`,
      `node10 ssh-ed25519 !!!notbase64!!!`,
    ].join('\n');
    const { entries, warnings } = parseKnownHosts(text);
    expect(entries.map((e) => [e.line, e.marker, e.keyType])).toEqual([
      [3, null, 'ssh-ed25519'],
      [4, null, 'ssh-rsa'],
      [5, null, 'ssh-ed25519'],
      [6, 'revoked', 'ssh-ed25519'],
      [7, 'cert-authority', 'ssh-ed25519'],
    ]);
    expect(entries[0]!.hosts).toEqual({ kind: 'patterns', patterns: ['node01', '192.168.56.11'] });
    expect(entries[2]!.hosts.kind).toBe('hashed');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^line 8:/);
    expect(warnings[1]).toMatch(/^line 9: unknown marker @bogus/);
    expect(warnings[2]).toMatch(/^line 10: key is not valid base64/);
  });
});

describe('lookupName', () => {
  it('uses the bare name on port 22 and [name]:port otherwise', () => {
    expect(lookupName('node01', 22)).toBe('node01');
    expect(lookupName('192.168.56.11', 2222)).toBe('[192.168.56.11]:2222');
  });
});

describe('verifyHostKey', () => {
  const names01 = ['node01', '192.168.56.11'];

  it('accepts the pinned key under either the name or the address', () => {
    const { entries } = parseKnownHosts(`192.168.56.11 ssh-ed25519 ${b64(A)}\n`);
    expect(verifyHostKey(entries, names01, A).kind).toBe('match');
    const byName = parseKnownHosts(`NODE01 ssh-ed25519 ${b64(A)}\n`).entries; // case-insensitive
    expect(verifyHostKey(byName, names01, A).kind).toBe('match');
  });

  it('reports a different key for a known host as changed, with the pinned entries', () => {
    const { entries } = parseKnownHosts(`node01,192.168.56.11 ssh-ed25519 ${b64(A)}\n`);
    const verdict = verifyHostKey(entries, names01, B);
    expect(verdict.kind).toBe('changed');
    if (verdict.kind === 'changed') expect(verdict.expected.map((e) => e.line)).toEqual([1]);
  });

  it('says unknown when no line names the host (other hosts and other ports do not count)', () => {
    const { entries } = parseKnownHosts(
      [`node02 ssh-ed25519 ${b64(A)}`, `[node01]:2222 ssh-ed25519 ${b64(A)}`, `node011 ssh-ed25519 ${b64(A)}`].join('\n'),
    );
    expect(verifyHostKey(entries, names01, A).kind).toBe('unknown');
  });

  it('matches [host]:port lines only for that port', () => {
    const { entries } = parseKnownHosts(`[node01]:2222 ssh-ed25519 ${b64(A)}\n`);
    expect(verifyHostKey(entries, [lookupName('node01', 2222)], A).kind).toBe('match');
    expect(verifyHostKey(entries, [lookupName('node01', 22)], A).kind).toBe('unknown');
  });

  it('matches hashed entries (HMAC-SHA1 over the lookup name), like ssh-keygen -H writes them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcp-kh-'));
    try {
      const file = join(dir, 'known_hosts');
      writeFileSync(file, `node01 ssh-ed25519 ${b64(A)}\n[192.168.56.12]:2200 ssh-ed25519 ${b64(B)}\n`);
      execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^\|1\|/);
      const { entries } = parseKnownHosts(text);
      expect(entries.every((e) => e.hosts.kind === 'hashed')).toBe(true);
      expect(verifyHostKey(entries, ['node01'], A).kind).toBe('match');
      expect(verifyHostKey(entries, ['node01'], B).kind).toBe('changed');
      expect(verifyHostKey(entries, ['node02'], A).kind).toBe('unknown');
      expect(verifyHostKey(entries, [lookupName('192.168.56.12', 2200)], B).kind).toBe('match');
      expect(verifyHostKey(entries, [lookupName('192.168.56.12', 22)], B).kind).toBe('unknown');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts any of several pinned keys for a host (one per key type)', () => {
    const { entries } = parseKnownHosts(`node01 ssh-rsa ${b64(R)}\nnode01 ssh-ed25519 ${b64(A)}\n`);
    expect(verifyHostKey(entries, names01, A).kind).toBe('match');
    expect(verifyHostKey(entries, names01, R).kind).toBe('match');
    expect(pinnedKeyTypes(entries, names01)).toEqual(['ssh-rsa', 'ssh-ed25519']);
  });

  it('refuses a @revoked key even when it is also pinned', () => {
    const { entries } = parseKnownHosts(`node01 ssh-ed25519 ${b64(A)}\n@revoked * ssh-ed25519 ${b64(A)}\n`);
    const verdict = verifyHostKey(entries, names01, A);
    expect(verdict.kind).toBe('revoked');
    if (verdict.kind === 'revoked') expect(verdict.entry.line).toBe(2);
  });

  it('does not treat @cert-authority lines as pins', () => {
    const { entries } = parseKnownHosts(`@cert-authority node01 ssh-ed25519 ${b64(A)}\n`);
    expect(verifyHostKey(entries, names01, A).kind).toBe('unknown');
    expect(pinnedKeyTypes(entries, names01)).toEqual([]);
  });

  it('honours wildcards and negations', () => {
    const { entries } = parseKnownHosts(`node0?,!node03,192.168.56.* ssh-ed25519 ${b64(A)}\n`);
    expect(verifyHostKey(entries, ['node01'], A).kind).toBe('match');
    expect(verifyHostKey(entries, ['node03'], A).kind).toBe('unknown');
    expect(verifyHostKey(entries, ['192.168.56.40'], A).kind).toBe('match');
    expect(verifyHostKey(entries, ['192.168.57.40'], A).kind).toBe('unknown');
    // a dot in a pattern is literal, not "any character"
    expect(verifyHostKey(entries, ['192x168.56.40'], A).kind).toBe('unknown');
  });
});

describe('knownHostsLine', () => {
  it('writes the names once each, then type and key, and parses back to a match', () => {
    const line = knownHostsLine(['node01', '192.168.56.11', 'node01'], 'ssh-ed25519', A);
    expect(line).toBe(`node01,192.168.56.11 ssh-ed25519 ${b64(A)}`);
    expect(verifyHostKey(parseKnownHosts(line).entries, ['192.168.56.11'], A).kind).toBe('match');
  });
});

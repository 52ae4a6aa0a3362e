import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintSha256, hostKeyAlgorithmsFor, keyTypeOf } from '../../src/remote/host-key.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-hostkey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generate(type: string, bits?: string): { blob: Buffer; keygenLine: string; keyType: string } {
  const file = join(dir, `key_${type}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', bits] : []), '-N', '', '-f', file]);
  const [keyType, b64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  const keygenLine = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' });
  return { blob: Buffer.from(b64!, 'base64'), keygenLine, keyType: keyType! };
}

describe('fingerprintSha256', () => {
  it.each([['ed25519'], ['ecdsa'], ['rsa']])('equals ssh-keygen -lf for a fresh %s key', (type) => {
    const { blob, keygenLine, keyType } = generate(type, type === 'rsa' ? '2048' : undefined);
    // ssh-keygen: "256 SHA256:<43 chars> comment (ED25519)"
    const expected = keygenLine.split(/\s+/)[1];
    expect(expected).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(fingerprintSha256(blob)).toBe(expected);
    expect(keyTypeOf(blob)).toBe(keyType);
  });

  it('rejects a blob that is not an SSH key', () => {
    expect(() => keyTypeOf(Buffer.from([0, 0]))).toThrow(/too short/);
    expect(() => keyTypeOf(Buffer.from([0, 0, 1, 0, 65]))).toThrow(/malformed/);
  });
});

describe('hostKeyAlgorithmsFor', () => {
  it('maps an RSA key to the rsa-sha2 signature algorithms, others to themselves', () => {
    expect(hostKeyAlgorithmsFor('ssh-rsa')).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(hostKeyAlgorithmsFor('ssh-ed25519')).toEqual(['ssh-ed25519']);
  });
});

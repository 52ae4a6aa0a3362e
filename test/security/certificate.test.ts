import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLocal } from '../../src/security/ca.js';
import { certificateProblems, type CertificateCheck } from '../../src/security/certificate.js';
import { caCertificateArgv, caIdentity, newKeyArgv, processCertificateArgv, processIdentity } from '../../src/security/openssl.js';
import { Secret } from '../../src/security/secret.js';

let dir: string;
const identity = processIdentity({ name: 'demo' }, { host: { name: 'node01', address: '192.168.56.11' } as never });
let good: CertificateCheck;
let otherCa: string;
let otherKey: Secret;

async function key(name: string): Promise<Secret> {
  const pem = await runLocal(newKeyArgv());
  await writeFile(join(dir, name), pem, { mode: 0o600 });
  return new Secret(pem);
}

async function ca(name: string): Promise<string> {
  await key(`${name}.key`);
  await runLocal(caCertificateArgv({ key: join(dir, `${name}.key`), out: join(dir, `${name}.crt`), identity: caIdentity({ name }) }));
  return readFile(join(dir, `${name}.crt`), 'utf8');
}

async function leaf(name: string, o: { ca: string; days?: number; id?: typeof identity }): Promise<{ key: Secret; certPem: string }> {
  const k = await key(`${name}.key`);
  await runLocal(processCertificateArgv({ key: join(dir, `${name}.key`), out: join(dir, `${name}.crt`), caCert: join(dir, `${o.ca}.crt`), caKey: join(dir, `${o.ca}.key`), identity: o.id ?? identity, days: o.days }));
  return { key: k, certPem: await readFile(join(dir, `${name}.crt`), 'utf8') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cert-'));
  const caPem = await ca('ca');
  otherCa = await ca('other');
  const l = await leaf('node', { ca: 'ca' });
  good = { ...l, caPem, identity };
  otherKey = (await leaf('second', { ca: 'ca' })).key;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('certificateProblems', () => {
  it('none for a certificate that serves its process', () => {
    expect(certificateProblems(good)).toEqual([]);
  });

  it('another CA, another key, an old key format', () => {
    expect(certificateProblems({ ...good, caPem: otherCa })).toEqual([expect.stringMatching(/^not issued by this CA \(O=kafka-cluster-provisioner, CN=other CA\)/)]);
    expect(certificateProblems({ ...good, key: otherKey })).toEqual(['the key does not belong to the certificate']);
    const pkcs1 = new Secret('-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n');
    expect(certificateProblems({ ...good, key: pkcs1 })).toEqual([expect.stringMatching(/not an unencrypted PKCS#8 key/)]);
  });

  it('a name or address the certificate does not carry, another subject', () => {
    const moved = { ...identity, ips: ['192.168.56.21'] };
    expect(certificateProblems({ ...good, identity: moved })).toEqual(['no subject alternative name for 192.168.56.21 (has node01, 192.168.56.11)']);
    expect(certificateProblems({ ...good, identity: { ...identity, subject: '/O=prod/CN=kcp-node' } })).toEqual(['subject is O=demo, CN=kcp-node, expected O=prod, CN=kcp-node']);
  });

  it('soon to expire or expired, and a CA certificate in a process\'s place', async () => {
    const short = await leaf('short', { ca: 'ca', days: 10 });
    expect(certificateProblems({ ...good, ...short })).toEqual([expect.stringMatching(/^expires on .*, in less than 30 days$/)]);
    expect(certificateProblems({ ...good, now: new Date(Date.now() + 900 * 86_400_000) })).toEqual([expect.stringMatching(/^expired on /)]);
    const caKey = new Secret(await readFile(join(dir, 'ca.key'), 'utf8'));
    const asLeaf = certificateProblems({ ...good, certPem: good.caPem, key: caKey });
    expect(asLeaf).toContain('is a CA certificate');
    expect(asLeaf).toContain('extended key usage must allow both TLS server and client authentication');
  });

  it('never quotes the key in a problem', () => {
    const broken = new Secret('-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----\n');
    const problems = certificateProblems({ ...good, key: broken });
    expect(problems).toEqual(['the key cannot be read']);
    expect(problems.join()).not.toContain('c2VjcmV0');
    expect(certificateProblems({ ...good, certPem: 'nonsense' })).toEqual([expect.stringMatching(/^not a PEM certificate/)]);
  });
});

import { describe, expect, it } from 'vitest';
import { caCertificateArgv, caIdentity, newKeyArgv, processCertificateArgv, processIdentity, subjectOf } from '../../src/security/openssl.js';

const host = { name: 'node01', address: '192.168.56.11' } as never;

describe('openssl commands', () => {
  it('a PKCS#8 RSA key on stdout, never a file that openssl creates with the umask', () => {
    expect(newKeyArgv().join(' ')).toBe('openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048');
  });

  it('the CA: self-signed, CA:TRUE with no intermediate below it, signs certificates only', () => {
    expect(caCertificateArgv({ key: '/s/ca.key', out: '/s/ca.crt', identity: caIdentity({ name: 'demo' }) }).join(' ')).toBe(
      'openssl req -x509 -new -sha256 -key /s/ca.key -subj /O=kafka-cluster-provisioner/CN=demo CA -days 3650 ' +
        '-addext basicConstraints=critical,CA:TRUE,pathlen:0 -addext keyUsage=critical,keyCertSign,cRLSign -out /s/ca.crt',
    );
  });

  it('a process: the shared subject, its host name and address as SANs, server and client use', () => {
    const identity = processIdentity({ name: 'demo' }, { host });
    expect(identity).toEqual({ subject: '/O=demo/CN=kcp-node', dns: ['node01'], ips: ['192.168.56.11'] });
    expect(processCertificateArgv({ key: '/s/k', out: '/s/c', caCert: '/s/ca.crt', caKey: '/s/ca.key', identity, days: 90 }).join(' ')).toBe(
      'openssl req -x509 -new -sha256 -key /s/k -CA /s/ca.crt -CAkey /s/ca.key -subj /O=demo/CN=kcp-node -days 90 ' +
        '-addext subjectAltName=DNS:node01,IP:192.168.56.11 -addext basicConstraints=critical,CA:FALSE ' +
        '-addext keyUsage=critical,digitalSignature,keyEncipherment -addext extendedKeyUsage=serverAuth,clientAuth -out /s/c',
    );
  });

  it('refuses a subject value that openssl would read as syntax, and a certificate without names', () => {
    expect(() => subjectOf([['CN', 'a/CN=root']])).toThrow(/CN="a\/CN=root"/);
    expect(() => subjectOf([['O', 'a,b']])).toThrow(/may hold only/);
    expect(() => processCertificateArgv({ key: 'k', out: 'c', caCert: 'a', caKey: 'b', identity: { subject: '/CN=x', dns: [], ips: [] } })).toThrow(/at least one name/);
  });
});

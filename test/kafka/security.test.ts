import { describe, expect, it } from 'vitest';
import { scramCredentials, tlsOptions } from '../../src/kafka/security.js';
import { Secret } from '../../src/security/secret.js';

describe('client security options', () => {
  it('the CA alone, or with the client certificate and its key', () => {
    expect(tlsOptions({ ca: 'CA' })).toEqual({ ca: ['CA'] });
    expect(tlsOptions({ ca: 'CA', cert: { certPem: 'CERT', key: new Secret('KEY') } })).toEqual({ ca: ['CA'], cert: 'CERT', key: 'KEY' });
  });

  it('the SCRAM user, revealed only here; none on a certificate-only listener', () => {
    expect(scramCredentials({ ca: 'CA', sasl: { username: 'admin', password: new Secret('pw-0123') } })).toEqual({ username: 'admin', password: 'pw-0123' });
    expect(scramCredentials({ ca: 'CA', cert: { certPem: 'CERT', key: new Secret('KEY') } })).toBeNull();
  });
});

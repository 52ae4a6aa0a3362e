import { describe, expect, it } from 'vitest';
import { kafkajsSecurity, parseBootstrap } from '../../src/kafka/client.js';
import { Secret } from '../../src/security/secret.js';

describe('parseBootstrap', () => {
  it('splits host:port lists', () => {
    expect(parseBootstrap('127.0.0.1:9092, node02:9092')).toEqual(['127.0.0.1:9092', 'node02:9092']);
  });
  it.each(['', 'node01', 'node01:', 'a b:1', ':9092'])('refuses %j', (text) => {
    expect(() => parseBootstrap(text)).toThrow();
  });
});

describe('kafkajsSecurity', () => {
  it('nothing for a plain cluster; TLS trusting the CA, with SCRAM-SHA-512 or a client certificate', () => {
    expect(kafkajsSecurity(null)).toEqual({});
    expect(kafkajsSecurity({ ca: 'CA', sasl: { username: 'admin', password: new Secret('pw-0123') } })).toEqual({
      ssl: { ca: ['CA'] },
      sasl: { mechanism: 'scram-sha-512', username: 'admin', password: 'pw-0123' },
    });
    expect(kafkajsSecurity({ ca: 'CA', cert: { certPem: 'CERT', key: new Secret('KEY') } })).toEqual({ ssl: { ca: ['CA'], cert: 'CERT', key: 'KEY' } });
  });
});

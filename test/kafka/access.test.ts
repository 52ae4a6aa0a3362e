import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromWire, SCRAM_ITERATIONS, scramUpsertion, toWire } from '../../src/kafka/access.js';
import type { AclBinding } from '../../src/kafka/types.js';
import { Secret } from '../../src/security/secret.js';

describe('ACL bindings on the wire', () => {
  it('Kafka\'s numbers for resource type, pattern, operation and permission, and back', () => {
    const b: AclBinding = { principal: 'User:alice', host: '*', resource: { type: 'group', name: 'g.', pattern: 'prefixed' }, operation: 'read', permission: 'allow' };
    expect(toWire(b)).toEqual({ resourceType: 3, resourceName: 'g.', resourcePatternType: 4, principal: 'User:alice', host: '*', operation: 3, permissionType: 3 });
    expect(fromWire(toWire(b))).toEqual(b);
    const t: AclBinding = { ...b, resource: { type: 'topic', name: 't', pattern: 'literal' }, operation: 'idempotent-write', permission: 'deny' };
    expect(toWire(t)).toMatchObject({ resourceType: 2, resourcePatternType: 3, operation: 12, permissionType: 2 });
    expect(fromWire(toWire(t))).toEqual(t);
  });

  it('an ACL the tool has no name for is an error, not a guess', () => {
    expect(() => fromWire({ ...toWire({ principal: 'User:a', host: '*', resource: { type: 'topic', name: 't', pattern: 'literal' }, operation: 'read', permission: 'allow' }), operation: 13 })).toThrow(/unknown ACL operation 13/);
  });
});

describe('scramUpsertion', () => {
  it('SCRAM-SHA-512: the password salted with PBKDF2-HMAC-SHA-512 (RFC 5802 Hi), 4096 iterations, a fresh 64-byte salt', () => {
    const a = scramUpsertion('alice', new Secret('pencil'));
    expect(a).toMatchObject({ name: 'alice', mechanism: 2, iterations: SCRAM_ITERATIONS });
    expect(SCRAM_ITERATIONS).toBe(4096);
    expect(a.salt).toHaveLength(64);
    expect(a.saltedPassword).toEqual(pbkdf2Sync('pencil', a.salt, 4096, 64, 'sha512'));
    expect(scramUpsertion('alice', new Secret('pencil')).salt.equals(a.salt)).toBe(false);
  });

  it('a known answer: PBKDF2-HMAC-SHA-512 of "password" with salt "salt", 1 iteration (RFC 6070-style vector)', () => {
    const u = scramUpsertion('x', new Secret('password'), Buffer.from('salt'), 1);
    expect(u.saltedPassword.toString('hex')).toBe(
      '867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce',
    );
  });
});

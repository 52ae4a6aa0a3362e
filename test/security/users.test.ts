import { describe, expect, it } from 'vitest';
import { SCRAM_ITERATIONS } from '../../src/kafka/access.js';
import { credentialState, DISABLED_ITERATIONS, formatList, formatRemoved } from '../../src/security/users.js';

describe('credentialState', () => {
  it('a removed user is marked by its iteration count, never deleted', () => {
    const creds = [{ user: 'alice', iterations: SCRAM_ITERATIONS }, { user: 'bob', iterations: DISABLED_ITERATIONS }];
    expect(credentialState(creds, 'alice')).toBe('active');
    expect(credentialState(creds, 'bob')).toBe('disabled');
    expect(credentialState(creds, 'carol')).toBe('none');
    expect(DISABLED_ITERATIONS).not.toBe(SCRAM_ITERATIONS);
  });
});

describe('the human output', () => {
  it('says what each user is and may do, never a password', () => {
    const text = formatList([
      { user: 'admin', credential: 'active', on_this_machine: false, super_user: true, acls: [] },
      { user: 'app', credential: 'active', on_this_machine: true, super_user: false, acls: ['allow write topic t'] },
      { user: 'idle', credential: 'active', on_this_machine: false, super_user: false, acls: [] },
      { user: 'gone', credential: 'disabled', on_this_machine: false, super_user: false, acls: [] },
    ]);
    expect(text.split('\n')).toEqual([
      "admin (super user: the tool's admin)",
      'app',
      '  allow write topic t',
      'idle (no password on this machine)',
      '  no ACL: authenticated, but may do nothing',
      'gone (removed: its credential is disabled)',
    ]);
    expect(formatRemoved({ user: 'gone', credential: 'disabled', acls_removed: ['allow write topic t'], files_removed: true })).toBe('user gone: credential disabled, 1 ACLs removed, files on this machine removed');
  });
});

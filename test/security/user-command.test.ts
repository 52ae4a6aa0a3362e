import { describe, expect, it } from 'vitest';
import { parseUserCommand } from '../../src/security/user-command.js';

const bad = (positionals: string[], flags: object, message: RegExp) =>
  expect(() => parseUserCommand(positionals, flags)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) }));

describe('parseUserCommand', () => {
  it('add with its grants, remove and list', () => {
    expect(parseUserCommand(['add', 'alice'], { topic: ['t'], read: true, group: ['g'] })).toEqual({
      action: 'add',
      user: 'alice',
      grants: { topics: ['t'], groups: ['g'], read: true, write: false },
      newPassword: false,
    });
    expect(parseUserCommand(['add', 'job'], { job: 'pages', 'new-password': true })).toMatchObject({ grants: { job: 'pages', topics: [] }, newPassword: true });
    expect(parseUserCommand(['add', 'spark'], { 'spark-job': 'pages' })).toMatchObject({ grants: { sparkJob: 'pages', topics: [] } });
    expect(parseUserCommand(['remove', 'alice'], {})).toEqual({ action: 'remove', user: 'alice' });
    expect(parseUserCommand(['list'], { read: false, write: false, 'new-password': false })).toEqual({ action: 'list' });
  });

  it('exit 2, saying what, before anything connects', () => {
    bad([], {}, /the action is add, remove or list, got ""/);
    bad(['grant', 'alice'], {}, /got "grant"/);
    bad(['add'], {}, /add needs a user name/);
    bad(['remove'], {}, /remove needs a user name/);
    bad(['list', 'alice'], {}, /list takes no user name/);
    bad(['add', 'alice', 'bob'], {}, /unexpected argument "bob"/);
    bad(['remove', 'alice'], { topic: ['t'], read: true }, /--topic, --read go with add, not with remove/);
    bad(['list'], { job: 'pages' }, /--job goes with add, not with list/);
    bad(['remove', 'spark'], { 'spark-job': 'pages' }, /--spark-job goes with add, not with remove/);
  });
});

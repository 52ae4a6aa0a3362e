import { describe, expect, it } from 'vitest';
import type { AclBinding } from '../../src/kafka/types.js';
import { checkUserName, describeBinding, grantBindings, missingBindings, resourceOf, type GrantRequest } from '../../src/security/grants.js';

const none: GrantRequest = { topics: [], groups: [], read: false, write: false };
const lines = (bs: AclBinding[]) => bs.map(describeBinding).sort();

describe('grantBindings', () => {
  it('--read: Read and Describe on each topic; --write: Write, Describe and Create; --group: Read on the group', () => {
    expect(lines(grantBindings('alice', { ...none, topics: ['pages'], read: true, groups: ['dash'] }))).toEqual(['allow describe topic pages', 'allow read group dash', 'allow read topic pages']);
    expect(lines(grantBindings('alice', { ...none, topics: ['a', 'b'], write: true }))).toEqual([
      'allow create topic a',
      'allow create topic b',
      'allow describe topic a',
      'allow describe topic b',
      'allow write topic a',
      'allow write topic b',
    ]);
    // Describe once, though both --read and --write ask for it
    expect(grantBindings('alice', { ...none, topics: ['t'], read: true, write: true })).toHaveLength(4);
    expect(grantBindings('alice', none)).toEqual([]);
  });

  it('every binding allows the user from any host', () => {
    for (const b of grantBindings('alice', { ...none, topics: ['t'], read: true })) expect(b).toMatchObject({ principal: 'User:alice', host: '*', permission: 'allow' });
  });

  it('--job T: what the popularity job on T needs and nothing else', () => {
    expect(lines(grantBindings('job', { ...none, job: 'pages' }))).toEqual([
      'allow create topic pages-dlq',
      'allow create topic pages-popularity',
      'allow create topic pages-popularity-stats',
      'allow describe topic pages',
      'allow describe topic pages-dlq',
      'allow describe topic pages-popularity',
      'allow describe topic pages-popularity-stats',
      'allow read group pages-popularity-job',
      'allow read topic pages',
      'allow write topic pages-dlq',
      'allow write topic pages-popularity',
      'allow write topic pages-popularity-stats',
    ]);
  });

  it('--spark-job T: what the Spark job on T needs and nothing else: no group, no stats topic, its output read back', () => {
    expect(lines(grantBindings('spark', { ...none, sparkJob: 'pages' }))).toEqual([
      'allow create topic pages-dlq',
      'allow create topic pages-popularity',
      'allow describe topic pages',
      'allow describe topic pages-dlq',
      'allow describe topic pages-popularity',
      'allow read topic pages',
      'allow read topic pages-popularity',
      'allow write topic pages-dlq',
      'allow write topic pages-popularity',
    ]);
  });

  it('a trailing * is a prefix, * alone every topic', () => {
    expect(resourceOf('topic', 'orders.*')).toEqual({ type: 'topic', name: 'orders.', pattern: 'prefixed' });
    expect(resourceOf('topic', '*')).toEqual({ type: 'topic', name: '*', pattern: 'literal' });
    expect(describeBinding(grantBindings('a', { ...none, topics: ['orders.*'], read: true })[0]!)).toBe('allow read topic orders.*');
  });

  it('bad input is exit 2 and says what', () => {
    const bad = (g: Partial<GrantRequest>, message: RegExp) => expect(() => grantBindings('alice', { ...none, ...g })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) }));
    bad({ topics: ['t'] }, /--topic needs --read, --write or both/);
    bad({ read: true }, /none was/);
    bad({ topics: ['bad topic'], read: true }, /--topic "bad topic"/);
    bad({ groups: ['a/b'] }, /--group "a\/b"/);
  });
});

describe('checkUserName', () => {
  it('refuses the tool\'s own principals and names a principal or a file could not carry', () => {
    expect(() => checkUserName('alice.b-1_x')).not.toThrow();
    for (const name of ['admin', 'kcp-node']) expect(() => checkUserName(name)).toThrow(/the tool's own super user/);
    for (const name of ['', '-x', 'a/b', 'a b', 'x'.repeat(65), '../x']) expect(() => checkUserName(name), name).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

describe('missingBindings', () => {
  it('only what the cluster does not hold yet', () => {
    const wanted = grantBindings('alice', { ...none, topics: ['t'], read: true });
    expect(missingBindings(wanted, [])).toEqual(wanted);
    expect(missingBindings(wanted, wanted)).toEqual([]);
    expect(lines(missingBindings(wanted, [wanted[0]!]))).toEqual(lines(wanted.slice(1)));
    // the same rule for another user is not this one
    expect(missingBindings(wanted, grantBindings('bob', { ...none, topics: ['t'], read: true }))).toEqual(wanted);
  });
});

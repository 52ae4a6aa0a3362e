import { describe, expect, it } from 'vitest';
import { allOk, check, CheckFailed, errorText } from '../../src/verify/check.js';
import { formatVerify } from '../../src/verify/format.js';

describe('check', () => {
  it('a body that returns passes with its text, one that throws fails with the message', async () => {
    expect(await check('a', async () => 'fine')).toEqual({ name: 'a', ok: true, detail: 'fine' });
    expect(await check('b', async () => { throw new CheckFailed('3 partitions, expected 2'); })).toEqual({ name: 'b', ok: false, detail: '3 partitions, expected 2' });
    expect(await check('c', async () => { throw 'odd'; })).toEqual({ name: 'c', ok: false, detail: 'odd' });
  });

  it('shows the inner reasons of an aggregate error', () => {
    const aggregate = Object.assign(new Error('Topic creation errors'), {
      errors: [new Error('Replication factor: 2 larger than available brokers: 1.'), new Error('Replication factor: 2 larger than available brokers: 1.')],
    });
    expect(errorText(aggregate)).toBe('Topic creation errors: Replication factor: 2 larger than available brokers: 1.');
    expect(errorText(Object.assign(new Error('x'), { errors: [] }))).toBe('x');
  });

  it('allOk needs at least one check and no failure', () => {
    expect(allOk([])).toBe(false);
    expect(allOk([{ name: 'a', ok: true, detail: '' }])).toBe(true);
    expect(allOk([{ name: 'a', ok: true, detail: '' }, { name: 'b', ok: false, detail: '' }])).toBe(false);
  });
});

describe('formatVerify', () => {
  it('one line per check, multi-line details indented, then the verdict', () => {
    const text = formatVerify({
      ok: false,
      topic: 't',
      describe: null,
      elapsed_ms: 1234,
      checks: [
        { name: 'zookeeper node01 ruok', ok: true, detail: 'imok from 10.0.0.1:2181' },
        { name: 'topic describe', ok: true, detail: 'Topic: t\tPartitionCount: 1\n\tTopic: t\tPartition: 0' },
        { name: 'broker 2 (node03) registered', ok: false, detail: 'broker 2 is not in the cluster metadata (registered: 0, 1)' },
      ],
    });
    expect(text).toBe([
      'ok    zookeeper node01 ruok         imok from 10.0.0.1:2181',
      'ok    topic describe                Topic: t\tPartitionCount: 1',
      '                                    \tTopic: t\tPartition: 0',
      'FAIL  broker 2 (node03) registered  broker 2 is not in the cluster metadata (registered: 0, 1)',
      '',
      'verify: 1 of 3 checks FAILED',
    ].join('\n'));
  });
});

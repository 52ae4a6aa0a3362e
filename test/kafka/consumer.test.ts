import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { diffAssignment, toRecord } from '../../src/kafka/consumer.js';

describe('diffAssignment', () => {
  it('reports what was gained and lost', () => {
    const a = (topic: string, partition: number) => ({ topic, partition });
    expect(diffAssignment([a('t', 0), a('t', 1)], [a('t', 1), a('t', 2), a('u', 0)])).toEqual({
      assigned: [a('t', 2), a('u', 0)],
      revoked: [a('t', 0)],
      current: [a('t', 1), a('t', 2), a('u', 0)],
    });
    expect(diffAssignment([], [])).toEqual({ assigned: [], revoked: [], current: [] });
  });
});

describe('toRecord', () => {
  it('decodes key, value, headers and numbers', () => {
    const r = toRecord('t', 2, {
      key: Buffer.from('page1'),
      value: Buffer.from('page1|1|0.5|1'),
      offset: '41',
      timestamp: '1700000000000',
      attributes: 0,
      size: 0,
      headers: { id: Buffer.from('run:1'), multi: [Buffer.from('a'), Buffer.from('b')] },
    } as unknown as KafkaMessage);
    expect(r).toEqual({
      topic: 't', partition: 2, offset: 41, key: 'page1', value: 'page1|1|0.5|1', headers: { id: 'run:1', multi: 'a' }, timestamp: 1700000000000,
    });
    expect(toRecord('t', 0, { key: null, value: null, offset: '0', timestamp: '0', attributes: 0, size: 0, headers: {} } as unknown as KafkaMessage)).toMatchObject({ key: null, value: null });
  });
});

import { describe, expect, it } from 'vitest';
import { deadLetterMessage, deadLetterTopicOf, outputTopicOf, popularityMessages } from '../../src/popularity/output.js';

describe('output topics', () => {
  it('are named after the input topic', () => {
    expect(outputTopicOf('clicks')).toBe('clicks-popularity');
    expect(deadLetterTopicOf('clicks')).toBe('clicks-dlq');
  });

  it('publish page -> value with a text that parses back to the same double', () => {
    const msgs = popularityMessages(new Map([['page1', 0.1 + 0.2], ['page2', -3]]));
    expect(msgs).toEqual([{ key: 'page1', value: '0.30000000000000004' }, { key: 'page2', value: '-3' }]);
    expect(Number(msgs[0]!.value)).toBe(0.1 + 0.2);
  });

  it('dead-letters the original record with reason and source in headers', () => {
    const record = { topic: 't', partition: 2, offset: 17, key: 'page1', value: 'page1|x|1|1', headers: { id: 'r:5' }, timestamp: 0 };
    expect(deadLetterMessage({ record, reason: 'invalid-clicks', detail: 'clicks must be ...' })).toEqual({
      key: 'page1',
      value: 'page1|x|1|1',
      headers: { id: 'r:5', 'dlq.reason': 'invalid-clicks', 'dlq.detail': 'clicks must be ...', 'dlq.topic': 't', 'dlq.partition': '2', 'dlq.offset': '17' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { parseProducerProp, perfOptions, perfTimeoutSeconds } from '../../src/perf/options.js';

describe('perfOptions', () => {
  it('has modest defaults: 200,000 x 1 KiB, unthrottled, 3 partitions, the seed\'s batch.size and acks=all, each with its source', () => {
    expect(perfOptions({})).toEqual({
      records: 200_000, recordSize: 1024, throughput: -1, partitions: 3,
      producerProps: { 'batch.size': '100000', acks: 'all' },
      producerPropSources: { 'batch.size': 'the seed', acks: "Kafka's default" },
      keepTopic: false, host: null,
    });
  });

  it('takes every option; repeated --producer-prop, later ones win over defaults', () => {
    const o = perfOptions({
      records: '5000', 'record-size': '100', throughput: '2000', partitions: '6', 'keep-topic': true, host: 'node02',
      'producer-prop': ['batch.size=100000', 'acks=1', 'linger.ms=5', 'compression.type=gzip'],
    });
    expect(o).toEqual({
      records: 5000, recordSize: 100, throughput: 2000, partitions: 6, keepTopic: true, host: 'node02',
      producerProps: { acks: '1', 'batch.size': '100000', 'linger.ms': '5', 'compression.type': 'gzip' },
      producerPropSources: { acks: '--producer-prop', 'batch.size': '--producer-prop', 'linger.ms': '--producer-prop', 'compression.type': '--producer-prop' },
    });
  });

  it.each([
    [{ records: '0' }, /--records must be an integer from 1/],
    [{ records: '1e6' }, /--records/],
    [{ records: '12.5' }, /--records/],
    [{ 'record-size': '2000000' }, /--record-size must be an integer from 1 to 1000000/],
    [{ throughput: '0' }, /-1 \(unthrottled\) or a positive rate/],
    [{ throughput: '-5' }, /--throughput must be an integer from -1/],
    [{ partitions: 'three' }, /--partitions/],
    [{ 'producer-prop': ['acks'] }, /key=value/],
    [{ 'producer-prop': ['bootstrap.servers=evil:9092'] }, /set from the inventory/],
  ])('refuses %o as bad input', (args, message) => {
    expect(() => perfOptions(args)).toThrow(InputError);
    expect(() => perfOptions(args)).toThrow(message);
  });

  it('keeps "=" inside a property value', () => {
    expect(parseProducerProp('client.id=a=b')).toEqual(['client.id', 'a=b']);
  });
});

describe('perfTimeoutSeconds', () => {
  it('bounds a throttled run by its planned duration, an unthrottled one by 0.5 MB/s, plus start-up', () => {
    expect(perfTimeoutSeconds({ records: 10_000, recordSize: 1024, throughput: 1000 })).toBe(130);
    expect(perfTimeoutSeconds({ records: 200_000, recordSize: 1024, throughput: -1 })).toBe(530);
  });
});

import { describe, expect, it } from 'vitest';
import { assignPartitions, offsetsFromBases, partitionForKey } from '../../src/kafka/partitioning.js';

describe('partitionForKey', () => {
  // Expected values printed by the Java client (kafka-clients 3.9.1):
  // Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % n
  it.each([
    ['page1', 1, 3],
    ['page2', 2, 3],
    ['page37', 2, 0],
    ['page100', 0, 3],
    ['page001.html', 1, 2],
    ['21', 0, 3],
    ['foobar', 0, 0],
  ])('%s -> %i of 3, %i of 7 (like the Java client)', (key, of3, of7) => {
    expect(partitionForKey('t', key, 3)).toBe(of3);
    expect(partitionForKey('t', key, 7)).toBe(of7);
  });

  it('refuses a partition count below 1', () => {
    expect(() => partitionForKey('t', 'k', 0)).toThrow(/>= 1/);
  });
});

describe('assignPartitions', () => {
  it('keys by hash, unkeyed round-robin from the given start', () => {
    expect(assignPartitions('t', ['page1', null, 'page37', null, null], 3, 2)).toEqual([1, 2, 2, 0, 1]);
  });
});

describe('offsetsFromBases', () => {
  it('numbers each partition’s messages from its base offset, in order', () => {
    expect(offsetsFromBases([0, 1, 0, 0, 1], new Map([[0, 10], [1, 3]]))).toEqual([10, 3, 11, 12, 4]);
  });

  it('fails when a partition was not acknowledged', () => {
    expect(() => offsetsFromBases([0, 2], new Map([[0, 1]]))).toThrow(/partition 2/);
  });
});

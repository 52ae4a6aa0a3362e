import { describe, expect, it } from 'vitest';
import { parseBootstrap } from '../../src/kafka/client.js';

describe('parseBootstrap', () => {
  it('splits host:port lists', () => {
    expect(parseBootstrap('127.0.0.1:9092, node02:9092')).toEqual(['127.0.0.1:9092', 'node02:9092']);
  });
  it.each(['', 'node01', 'node01:', 'a b:1', ':9092'])('refuses %j', (text) => {
    expect(() => parseBootstrap(text)).toThrow();
  });
});

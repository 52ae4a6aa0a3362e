import { describe, expect, it } from 'vitest';
import { formatPath, lineOf, parseSource } from '../../src/inventory/locate.js';

const text = `cluster:
  name: x
  broker:
    config:
      num.io.threads: 4
hosts:
  - name: a
    address: 10.0.0.1
  - name: b
`;

describe('locating fields', () => {
  const src = parseSource('i.yaml', text);
  it('finds scalars, keys inside maps, list items and falls back to the parent', () => {
    expect(lineOf(src, ['cluster', 'name'])).toBe(2);
    expect(lineOf(src, ['cluster', 'broker', 'config'], 'num.io.threads')).toBe(5);
    expect(lineOf(src, ['hosts', 1, 'name'])).toBe(9);
    expect(lineOf(src, ['hosts', 1, 'address'])).toBe(9);
    expect(lineOf(src, ['hosts'])).toBe(6);
  });
  it('formats paths as a user writes them', () => {
    expect(formatPath(['hosts', 2, 'broker_config', 'log.dirs'])).toBe('hosts[2].broker_config.log.dirs');
    expect(formatPath([])).toBe('(top level)');
  });
});

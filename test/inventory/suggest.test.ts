import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/inventory/suggest.js';

describe('did you mean', () => {
  it('measures edits', () => {
    expect(editDistance('client_port', 'clinet_port')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
  it('suggests a close key and nothing for a distant one', () => {
    expect(closest('brokerid', ['broker_id', 'zookeeper_id', 'name'])).toBe('broker_id');
    expect(closest('Address', ['name', 'address'])).toBe('address');
    expect(closest('replication', ['name', 'address'])).toBeNull();
  });
});

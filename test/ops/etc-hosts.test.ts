import { describe, expect, it } from 'vitest';
import { etcHostsChange, mergeBlock } from '../../src/ops/etc-hosts.js';

const block = '# BEGIN kafka-cluster-provisioner demo\n192.168.58.11 node01\n# END kafka-cluster-provisioner demo\n';

describe('/etc/hosts block', () => {
  it('appends the block, keeping every other line', () => {
    expect(mergeBlock('127.0.0.1 localhost', block)).toBe(`127.0.0.1 localhost\n${block}`);
    expect(mergeBlock('', block)).toBe(block);
  });
  it('replaces the block between the markers in place', () => {
    const old = '127.0.0.1 localhost\n# BEGIN kafka-cluster-provisioner demo\n10.0.0.1 node01\n# END kafka-cluster-provisioner demo\n::1 ip6-localhost\n';
    expect(mergeBlock(old, block)).toBe(`127.0.0.1 localhost\n${block}::1 ip6-localhost\n`);
  });
  it('leaves another cluster’s block alone', () => {
    const other = '# BEGIN kafka-cluster-provisioner other\n10.0.0.9 x\n# END kafka-cluster-provisioner other\n';
    expect(mergeBlock(other, block)).toBe(`${other}${block}`);
  });
  it('is idempotent: no change when the block is already there', () => {
    const once = mergeBlock('127.0.0.1 localhost\n', block);
    expect(etcHostsChange(once, block)).toBeNull();
    expect(etcHostsChange('127.0.0.1 localhost\n', block)).toBe(once);
  });
  it('refuses a block without markers', () => {
    expect(() => mergeBlock('', '1.2.3.4 x\n')).toThrow(/BEGIN/);
  });
});

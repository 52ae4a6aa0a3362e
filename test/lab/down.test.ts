import { describe, expect, it } from 'vitest';
import { cleanTargets } from '../../src/lab/down.js';

describe('lab clean', () => {
  it("picks only the lab's namespaces, veths and bridges", () => {
    expect(
      cleanTargets(
        ['kcp-popularity-demo-73bdf1-node01', 'kcp-e2e-lab-0a1b2c-node03', 'kcp-notours', 'vpn0', 'kcp-x-zzzzzz-n1'],
        ['kcp73bdf1', 'kv73bdf1-0', 'kv73bdf1-12', 'kcpbridge', 'kvm0', 'kcp73bdf', 'eth0'],
      ),
    ).toEqual({
      namespaces: ['kcp-popularity-demo-73bdf1-node01', 'kcp-e2e-lab-0a1b2c-node03'],
      veths: ['kv73bdf1-0', 'kv73bdf1-12'],
      bridges: ['kcp73bdf1'],
    });
  });
});

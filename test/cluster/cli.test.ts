import { describe, expect, it } from 'vitest';
import { formatProvision } from '../../src/cluster/cli.js';
import type { ProvisionReport } from '../../src/cluster/provision.js';

const report = (o: Partial<ProvisionReport>): ProvisionReport => ({
  ok: true, dry_run: false, changed: 0, restarted: [], roles: {}, leaders: {}, started: [], hosts: [], dist: { path: '/x.tgz', sha512: 'a' }, elapsed_ms: 13_300, phases: [], apply_steps_ms: {}, ...o,
});

describe('formatProvision', () => {
  it('says where the time went, phases under 0.1 s left out', () => {
    const text = formatProvision(report({
      changed: 33,
      started: ['node01/zookeeper', 'node01/kafka'],
      hosts: [{ host: 'node01', changes: ['upload zoo.cfg'], uploaded: [], services: [] }],
      phases: [{ name: 'facts', ms: 240 }, { name: 'plan and preflight', ms: 12 }, { name: 'brokers: registered (gate)', ms: 6_700 }],
    }));
    expect(text.split('\n')).toEqual([
      'node01:',
      '  upload zoo.cfg',
      '33 file(s) uploaded; started: node01/zookeeper, node01/kafka; restarted: none (13.3 s)',
      'time: facts 0.2 s, brokers: registered (gate) 6.7 s',
    ]);
  });

  it('a dry run shows the diffs and no time line', () => {
    const text = formatProvision(report({ dry_run: true, changed: 1, diffs: [{ host: 'node01', path: '/etc/kafka/server.properties', diff: '-a\n+b\n' }], phases: [{ name: 'facts', ms: 300 }] }));
    expect(text.split('\n').slice(-4)).toEqual(['--- node01: /etc/kafka/server.properties', '-a', '+b', 'dry run: 1 file(s) would be uploaded; nothing was touched']);
  });
});

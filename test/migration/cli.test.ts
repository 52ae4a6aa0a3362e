import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { formatMigration, parseUntil, type MigrateCommandReport } from '../../src/migration/cli.js';
import type { PhaseReport } from '../../src/migration/steps.js';

const phase = (name: string, state: PhaseReport['state'], ms: number | null, detail: string): PhaseReport => ({ name, state, started: null, ended: null, ms, detail });

describe('npm run migrate, as a command', () => {
  it('--until names a phase, or is bad input naming the phases', () => {
    expect(parseUntil(undefined)).toBeUndefined();
    expect(parseUntil('dual-write')).toBe('dual-write');
    expect(() => parseUntil('dual')).toThrow(InputError);
    expect(() => parseUntil('dual')).toThrow('--until dual: no such phase; the phases are controllers, dual-write, kraft-brokers, finalize, zookeeper-off');
  });

  it('says where the hosts went, each phase, and the KRaft form once ZooKeeper is off', () => {
    const r: MigrateCommandReport = {
      ok: true, from: 'dual-write', stage: 'kraft', migration_state: 'POST_MIGRATION', cluster_id: 'Zk-id', elapsed_ms: 61_000,
      phases: [phase('dual-write', 'already', 800, 'brokers ...: nothing left to do'), phase('finalize', 'done', 30_000, 'controllers ...: rolled a, b, c')],
      kraft_inventory: 'cluster:\n  name: x\n', inventory_written: null,
    };
    expect(formatMigration(r)).toBe([
      'migration: from stage "dual-write" to "kraft" (ZkMigrationState POST_MIGRATION), cluster Zk-id, 61.0 s',
      '  dual-write: already in 0.8 s — brokers ...: nothing left to do',
      '  finalize: done in 30.0 s — controllers ...: rolled a, b, c',
      'the inventory in KRaft form (use it from now on; --write-inventory F writes it):',
      'cluster:\n  name: x',
    ].join('\n'));
    expect(formatMigration({ ...r, inventory_written: 'kraft.yaml' })).toMatch(/the inventory in KRaft form is in kraft\.yaml: use it from now on$/);
    expect(formatMigration({ ...r, from: 'dual-write', stage: 'zookeeper', migration_state: null, kraft_inventory: null })).toMatch(/^migration: from stage "dual-write" to "zookeeper", cluster Zk-id[\s\S]*the cluster runs in ZooKeeper mode again: the inventory without controller_id provisions it as before$/);
  });

  it('a failed run still shows its phases, and what to do next', () => {
    const text = formatMigration({ ok: false, error: 'gate failed: no leader', phases: [phase('controllers', 'failed', 90_000, 'controllers ...: gate failed: no leader'), phase('dual-write', 'not run', null, 'brokers ...')] });
    expect(text).toBe([
      'migration failed: gate failed: no leader',
      '  controllers: failed in 90.0 s — controllers ...: gate failed: no leader',
      '  dual-write: not run — brokers ...',
      'run npm run migrate again to continue from where the hosts are, or with --rollback to go back (before finalize)',
    ].join('\n'));
  });
});

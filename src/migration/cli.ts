// npm run migrate, as a command: the inventory read as a migration's (controller_id in ZooKeeper
// mode), --until and --write-inventory checked before anything connects, the KRaft form of the
// inventory printed or written once the cluster is there, and the report for people. A run that
// fails in a phase still reports the phases so far (ok: false, exit 1), --json included.
import { readFile, writeFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { withCluster } from '../cluster/cli.js';
import { kraftInventoryText } from './kraft-inventory.js';
import { migrate, type MigrationReport } from './migrate.js';
import { rollback } from './rollback.js';
import { PHASE_NAMES, type PhaseName } from './phases.js';
import { phasesOf, type PhaseReport } from './steps.js';

export interface MigrateCommandReport extends MigrationReport {
  /** the inventory in KRaft form, once ZooKeeper is off; null before */
  kraft_inventory: string | null;
  /** where --write-inventory put it */
  inventory_written: string | null;
}

/** A run that failed in a phase: what it did until then. */
export interface FailedMigration {
  ok: false;
  /** the failure, its first line (the whole of it went to stderr) */
  error: string;
  phases: PhaseReport[];
}

export type MigrateResult = MigrateCommandReport | FailedMigration;

export function parseUntil(value: string | undefined): PhaseName | undefined {
  if (value === undefined) return undefined;
  if (!(PHASE_NAMES as readonly string[]).includes(value)) throw new InputError(`--until ${value}: no such phase; the phases are ${PHASE_NAMES.join(', ')}`);
  return value as PhaseName;
}

type MigrateValues = { inventory: string; until?: string; 'write-inventory'?: string; rollback?: boolean; 'accept-new-host-keys'?: boolean };

export async function migrateCommand(values: MigrateValues, log: (line: string) => void): Promise<MigrateResult> {
  try {
    return await runMigrateCommand(values, log);
  } catch (err) {
    const phases = phasesOf(err);
    if (phases === null) throw err;
    log(`error: ${(err as Error).message}`);
    return { ok: false, error: (err as Error).message.split('\n')[0]!, phases };
  }
}

async function runMigrateCommand(values: MigrateValues, log: (line: string) => void): Promise<MigrateCommandReport> {
  const until = parseUntil(values.until);
  const target = values['write-inventory'];
  if (values.rollback) {
    if (until !== undefined || target !== undefined) throw new InputError('--rollback takes neither --until nor --write-inventory: it goes all the way back to ZooKeeper mode');
    const report = await withCluster(values, log, (ctx) => rollback(ctx), { migration: true });
    return { ...report, kraft_inventory: null, inventory_written: null };
  }
  if (target !== undefined && target === values.inventory) throw new InputError(`--write-inventory ${target}: that is the inventory being migrated; write the KRaft form beside it, then move it over once the migration is through`);
  const report = await withCluster(values, log, (ctx) => migrate(ctx, { until }), { migration: true });
  const kraft = report.stage === 'kraft' ? kraftInventoryText(await readFile(values.inventory, 'utf8')) : null;
  if (kraft !== null && target !== undefined) await writeFile(target, kraft);
  return { ...report, kraft_inventory: kraft, inventory_written: kraft !== null && target !== undefined ? target : null };
}

const phaseLines = (phases: readonly PhaseReport[]): string[] =>
  phases.map((p) => `  ${p.name}: ${p.state}${p.ms === null ? '' : ` in ${(p.ms / 1000).toFixed(1)} s`} — ${p.detail}`);

export function formatMigration(r: MigrateResult): string {
  if (!r.ok) return [`migration failed: ${r.error}`, ...phaseLines(r.phases), 'run npm run migrate again to continue from where the hosts are, or with --rollback to go back (before finalize)'].join('\n');
  const state = r.migration_state ? ` (ZkMigrationState ${r.migration_state})` : '';
  const lines = [`migration: from stage "${r.from}" to "${r.stage}"${state}, cluster ${r.cluster_id}, ${(r.elapsed_ms / 1000).toFixed(1)} s`];
  lines.push(...phaseLines(r.phases));
  if (r.inventory_written) lines.push(`the inventory in KRaft form is in ${r.inventory_written}: use it from now on`);
  else if (r.kraft_inventory) lines.push('the inventory in KRaft form (use it from now on; --write-inventory F writes it):', r.kraft_inventory.trimEnd());
  if (r.stage === 'zookeeper' && r.from !== 'zookeeper') lines.push('the cluster runs in ZooKeeper mode again: the inventory without controller_id provisions it as before');
  return lines.join('\n');
}

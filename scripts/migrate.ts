#!/usr/bin/env tsx
// npm run migrate -- [--inventory F] [--until PHASE | --rollback] [--write-inventory F] [--json] [--accept-new-host-keys]
import { runCli } from '../src/cli/run.js';
import { clusterOptions } from '../src/cluster/cli.js';
import { formatMigration, migrateCommand } from '../src/migration/cli.js';
import { PHASE_NAMES } from '../src/migration/phases.js';

await runCli({
  usage: `usage: npm run migrate -- [--inventory inventory.yaml] [--until PHASE | --rollback] [--write-inventory F] [--json] [--accept-new-host-keys]
Carries a running ZooKeeper-mode cluster (Kafka 3.9) to KRaft, as Kafka's procedure does it: the
inventory names the new controllers with controller_id (dedicated, ids no broker has). Phases:
${PHASE_NAMES.join(', ')}. Each is gated; a second run continues from where the hosts are.
--until PHASE stops after it (to soak in dual-write). Once ZooKeeper is off, the inventory in
KRaft form is printed, or written to F. --rollback takes the cluster back to ZooKeeper mode from
any phase before finalize (refused after it).`,
  options: { ...clusterOptions, until: { type: 'string' }, 'write-inventory': { type: 'string' }, rollback: { type: 'boolean', default: false } },
  main: ({ values, log }) => migrateCommand(values, log),
  human: formatMigration,
  exitCode: (r) => (r.ok ? 0 : 1),
});

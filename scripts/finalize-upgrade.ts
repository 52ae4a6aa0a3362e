#!/usr/bin/env tsx
// npm run finalize-upgrade -- [--inventory F] [--feature NAME=LEVEL ...] [--dry-run] [--json] [--accept-new-host-keys]
import { runCli } from '../src/cli/run.js';
import { clusterOptions, withCluster } from '../src/cluster/cli.js';
import { finalizeUpgrade, formatFinalize, parseFeatureArgs } from '../src/cluster/finalize.js';

await runCli({
  usage: `usage: npm run finalize-upgrade -- [--inventory inventory.yaml] [--feature NAME=LEVEL ...] [--dry-run] [--json] [--accept-new-host-keys]
KRaft, after a rolling upgrade: raises metadata.version to the highest level every node supports,
then each feature named with --feature, one at a time, each confirmed on every node. Refused
until every process runs the inventory's Kafka version. kraft.version is never changed.`,
  options: { ...clusterOptions, feature: { type: 'string', multiple: true, default: [] }, 'dry-run': { type: 'boolean', default: false } },
  main: ({ values, log }) => {
    const named = parseFeatureArgs(values.feature);
    return withCluster(values, log, (ctx) => finalizeUpgrade(ctx, named, { dryRun: values['dry-run'] }));
  },
  human: formatFinalize,
});

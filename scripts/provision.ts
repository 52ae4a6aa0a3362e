#!/usr/bin/env tsx
// npm run provision -- [--inventory F] [--dry-run] [--json] [--accept-new-host-keys]
import { runCli } from '../src/cli/run.js';
import { clusterOptions, formatProvision, withCluster } from '../src/cluster/cli.js';
import { provision } from '../src/cluster/provision.js';

await runCli({
  usage: 'usage: npm run provision -- [--inventory inventory.yaml] [--dry-run] [--json] [--accept-new-host-keys]',
  options: { ...clusterOptions, 'dry-run': { type: 'boolean', default: false } },
  main: ({ values, log }) => withCluster(values, log, (ctx) => provision(ctx, { dryRun: values['dry-run'] })),
  human: formatProvision,
});

#!/usr/bin/env tsx
// npm run status -- [--inventory F] [--json] [--accept-new-host-keys]
import { runCli } from '../src/cli/run.js';
import { clusterOptions, withCluster } from '../src/cluster/cli.js';
import { clusterStatus, formatStatus } from '../src/cluster/status.js';

await runCli({
  usage: 'usage: npm run status -- [--inventory inventory.yaml] [--json] [--accept-new-host-keys]',
  options: clusterOptions,
  main: ({ values, log }) => withCluster(values, log, clusterStatus),
  human: formatStatus,
});

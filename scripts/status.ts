#!/usr/bin/env tsx
// npm run status -- [--inventory F] [--json] [--check] [--accept-new-host-keys]
import { runCli } from '../src/cli/run.js';
import { clusterOptions, withCluster } from '../src/cluster/cli.js';
import { clusterStatus, formatStatus, statusExitCode } from '../src/cluster/status.js';

await runCli({
  usage: 'usage: npm run status -- [--inventory inventory.yaml] [--json] [--check] [--accept-new-host-keys]\n  --check  exit 1 unless the cluster is healthy (for monitoring and scripts)',
  options: { ...clusterOptions, check: { type: 'boolean', default: false } },
  main: ({ values, log }) => withCluster(values, log, clusterStatus),
  human: formatStatus,
  exitCode: (report, values) => statusExitCode(report, values.check),
});

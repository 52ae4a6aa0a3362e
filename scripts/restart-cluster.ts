#!/usr/bin/env tsx
// npm run restart-cluster -- [--inventory F] [--json] [--accept-new-host-keys]
import { runCli } from '../src/cli/run.js';
import { clusterOptions, formatRestart, withCluster } from '../src/cluster/cli.js';
import { restartCluster } from '../src/cluster/lifecycle.js';

await runCli({
  usage: 'usage: npm run restart-cluster -- [--inventory inventory.yaml] [--json] [--accept-new-host-keys]',
  options: clusterOptions,
  main: ({ values, log }) => withCluster(values, log, restartCluster),
  human: formatRestart,
});

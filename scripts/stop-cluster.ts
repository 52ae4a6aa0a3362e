#!/usr/bin/env tsx
// npm run stop-cluster -- [--inventory F] [--json] [--accept-new-host-keys]
import { runCli } from '../src/cli/run.js';
import { clusterOptions, formatLifecycle, withCluster } from '../src/cluster/cli.js';
import { stopCluster } from '../src/cluster/lifecycle.js';

await runCli({
  usage: 'usage: npm run stop-cluster -- [--inventory inventory.yaml] [--json] [--accept-new-host-keys]',
  options: clusterOptions,
  main: ({ values, log }) => withCluster(values, log, stopCluster),
  human: (r) => formatLifecycle('stopped', r),
});

#!/usr/bin/env tsx
// npm run start-cluster -- [--inventory F] [--json] [--accept-new-host-keys]
import { runCli } from '../src/cli/run.js';
import { clusterOptions, formatLifecycle, withCluster } from '../src/cluster/cli.js';
import { startCluster } from '../src/cluster/lifecycle.js';

await runCli({
  usage: 'usage: npm run start-cluster -- [--inventory inventory.yaml] [--json] [--accept-new-host-keys]',
  options: clusterOptions,
  main: ({ values, log }) => withCluster(values, log, startCluster),
  human: (r) => formatLifecycle('started', r),
});

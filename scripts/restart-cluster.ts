#!/usr/bin/env tsx
// npm run restart-cluster -- [--inventory F] [--only KIND[,KIND]] [--json] [--accept-new-host-keys]
import { runCli } from '../src/cli/run.js';
import { clusterOptions, formatRestart, withCluster } from '../src/cluster/cli.js';
import { restartCluster } from '../src/cluster/lifecycle.js';
import { restartScope } from '../src/cluster/restart-scope.js';

await runCli({
  usage: 'usage: npm run restart-cluster -- [--inventory inventory.yaml] [--only zookeeper|controller|kafka|spark-master|spark-worker[,...]] [--json] [--accept-new-host-keys]',
  options: { ...clusterOptions, only: { type: 'string' } },
  // the kinds are checked against the inventory before anything connects
  main: ({ values, log }) => withCluster(values, log, (ctx) => restartCluster(ctx, restartScope(ctx.cluster, values.only))),
  human: formatRestart,
});

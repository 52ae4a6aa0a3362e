#!/usr/bin/env tsx
// npm run dashboard -- [--inventory F] [--host 127.0.0.1] [--port 8080] [--topic T] [--group G]
//   [--interval-ms 2000] [--accept-new-host-keys]
// A live page: the ten hottest pages (from the job's output topic), the cluster at a glance, the
// job's lag; /api/snapshot for scripts. Runs until Ctrl-C.
import { InputError } from '../src/core/errors.js';
import { runCli } from '../src/cli/run.js';
import { clusterOptions, withCluster } from '../src/cluster/cli.js';
import { startDashboard } from '../src/dashboard/index.js';
import { positiveInt } from '../src/popularity/bootstrap.js';

await runCli({
  usage:
    'usage: npm run dashboard -- [--inventory inventory.yaml] [--host 127.0.0.1] [--port 8080] [--topic T] [--group G] [--interval-ms 2000] [--accept-new-host-keys]',
  options: {
    ...clusterOptions,
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' },
    topic: { type: 'string' },
    group: { type: 'string' },
    'interval-ms': { type: 'string' },
  },
  main: ({ values: v, log }) =>
    withCluster(v, log, async (ctx) => {
      const port = Number(v.port);
      if (!/^\d+$/.test(v.port) || port > 65535) throw new InputError(`--port must be 0..65535, got "${v.port}"`);
      const dashboard = await startDashboard(ctx, {
        host: v.host,
        port,
        topic: v.topic,
        group: v.group,
        intervalMs: positiveInt('interval-ms', v['interval-ms'], 2000),
        log,
      });
      log(`dashboard: ${dashboard.url} (Ctrl-C stops it)`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await dashboard.stop();
      return { ok: true, url: dashboard.url };
    }),
  human: (r) => `dashboard stopped (${r.url})`,
});

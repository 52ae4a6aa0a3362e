#!/usr/bin/env tsx
// npm run verify -- [--inventory F] [--json] [--read-timeout SECONDS]
import { InputError } from '../src/core/errors.js';
import { runCli } from '../src/cli/run.js';
import { clusterOptions } from '../src/cluster/cli.js';
import { loadInventory } from '../src/inventory/load.js';
import { formatVerify } from '../src/verify/format.js';
import { runVerify } from '../src/verify/run.js';

await runCli({
  usage: `usage: npm run verify -- [--inventory inventory.yaml] [--json] [--read-timeout SECONDS] [--accept-new-host-keys]
Post-deploy smoke checks: ZooKeeper ruok/srvr and one leader, every broker registered, and a
topic (min(3, brokers) partitions and replicas) created, described, written (plain, keyed, JSON,
gzip; acks=all), read back, compared, the gzip and plain batches looked up on the leaders' disks
with Kafka's DumpLogSegments (over SSH), and deleted. Exit 1 when any check fails.`,
  options: { ...clusterOptions, 'read-timeout': { type: 'string', default: '60' } },
  async main({ values, log }) {
    const seconds = Number(values['read-timeout']);
    if (!/^\d+$/.test(values['read-timeout']) || seconds < 1 || seconds > 3600) {
      throw new InputError(`--read-timeout must be whole seconds from 1 to 3600, got "${values['read-timeout']}"`);
    }
    const { cluster, warnings } = await loadInventory(values.inventory);
    warnings.forEach(log);
    return runVerify(cluster, { readTimeoutMs: seconds * 1000, log, acceptNewHostKeys: values['accept-new-host-keys'] });
  },
  human: formatVerify,
  exitCode: (r) => (r.ok ? 0 : 1),
});

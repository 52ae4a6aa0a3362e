#!/usr/bin/env tsx
// npm run rotate-certs -- [--inventory F] [--json] [--accept-new-host-keys]
import { InputError } from '../src/core/errors.js';
import { runCli } from '../src/cli/run.js';
import { clusterOptions, formatProvision, withCluster } from '../src/cluster/cli.js';
import { provision } from '../src/cluster/provision.js';

await runCli({
  usage: `usage: npm run rotate-certs -- [--inventory inventory.yaml] [--json] [--accept-new-host-keys]
A secured cluster: a new key and certificate for every Kafka process (and the tool's own), from
the same CA, put in service as provision puts any changed file: uploaded, then each process
restarted in the rolling order behind the same gates as restart-cluster. If it stops half-way,
npm run provision finishes it (the new certificates are on this machine).`,
  options: clusterOptions,
  main: ({ values, log }) =>
    withCluster(values, log, (ctx) => {
      if (ctx.cluster.security !== 'secure') throw new InputError(`${ctx.cluster.inventoryFile}: cluster.security is none: there are no certificates to rotate`);
      return provision(ctx, { renewCertificates: true });
    }),
  human: formatProvision,
});

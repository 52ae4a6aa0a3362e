#!/usr/bin/env tsx
// npm run render -- --inventory F --out DIR: every host's files, and prometheus/ (scrape config, alerts)
import { InputError } from '../src/core/errors.js';
import { runCli } from '../src/cli/run.js';
import { loadInventory } from '../src/inventory/load.js';
import { basename } from 'node:path';
import { renderCluster } from '../src/render/index.js';
import { clusterSecrets } from '../src/security/cluster-secrets.js';
import { monitoringFiles } from '../src/render/prometheus.js';
import { writeMonitoring, writeRendered } from '../src/render/write.js';

await runCli({
  usage: 'usage: npm run render -- [--inventory inventory.yaml] --out DIR [--json]',
  options: { out: { type: 'string' } },
  async main({ values, log }) {
    if (!values.out) throw new InputError('--out DIR is required');
    const { cluster, warnings } = await loadInventory(values.inventory);
    warnings.forEach(log);
    const hosts = renderCluster(cluster, await clusterSecrets(cluster));
    const files = [
      ...(await writeRendered(values.out, hosts)),
      ...(await writeMonitoring(values.out, monitoringFiles(cluster, basename(cluster.inventoryFile)))),
    ];
    return { ok: true, out: values.out, hosts: hosts.map((h) => ({ host: h.host, files: h.files.map((f) => f.path) })), files };
  },
  human: (r) => `rendered ${r.files.length} files for ${r.hosts.length} hosts into ${r.out}/:\n${r.files.map((f) => `  ${f}`).join('\n')}`,
});

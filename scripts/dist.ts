// npm run dist [-- --inventory F] [--json] [--cache-dir DIR] [--force]
// Builds or fetches the Kafka distribution named by the inventory's cluster.kafka into .cache/
// and prints its path and sha512; also the metrics agent jar when a broker or controller runs it.
// With --json, stdout is exactly one JSON document.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exitCodeOf, InputError } from '../src/core/errors.js';
import { ensureMetricsAgent } from '../src/dist/agent.js';
import { DEFAULT_DIST_CACHE, ensureDistribution } from '../src/dist/index.js';
import { loadInventory } from '../src/inventory/load.js';
import { runsMetricsAgent } from '../src/render/index.js';

const USAGE = 'usage: npm run dist -- [--inventory FILE] [--json] [--cache-dir DIR] [--force]';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        inventory: { type: 'string', default: 'inventory.yaml' },
        json: { type: 'boolean', default: false },
        'cache-dir': { type: 'string', default: DEFAULT_DIST_CACHE },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new InputError(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const { cluster, warnings } = await loadInventory(resolve(values.inventory));
  for (const warning of warnings) console.error(warning);

  const started = Date.now();
  const dist = await ensureDistribution(cluster.kafka, resolve(values['cache-dir']), {
    force: values.force,
    log: (line) => console.error(line),
  });
  const { path, sha512, source, version, scala, cached } = dist;
  const log = (line: string) => console.error(line);
  const agent = cluster.hosts.some((h) => runsMetricsAgent(cluster, h)) ? await ensureMetricsAgent(resolve(values['cache-dir']), log) : null;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ path, sha512, source, version, scala, cached, bytes: dist.bytes, metrics_agent: agent })}\n`);
  } else {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`path    ${path}`);
    console.log(`sha512  ${sha512}`);
    console.log(`kafka   ${version} (scala ${scala}), source ${source}, ${(dist.bytes / 1e6).toFixed(1)} MB, ${cached ? 'cached' : `built in ${seconds} s`}`);
    if (agent) console.log(`agent   ${agent.path}`);
  }
}

main().catch((err: unknown) => {
  console.error(`dist: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = exitCodeOf(err);
});

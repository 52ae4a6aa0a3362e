// npm run acceptance -- [--engine ts|spark] [--messages N] [--rate R]
//   [--chaos none|kill-broker|kill-host|kill-job|partition|kill-controller|kill-driver|kill-executor]
//   [--seed S] [--hold-seconds H] [--report FILE] [--keep-topic] [--topic T] [--inventory F] [--json]
// The popularity job (this tool's, or with --engine spark the seed's Spark job on the inventory's
// Spark cluster) as an exact acceptance test, optionally with a fault injected midway.
// Exit 0 when exact, 1 on any difference (the report names it), 2 on bad input.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../src/core/errors.js';
import { runCli } from '../src/cli/run.js';
import { parseChaosMode } from '../src/acceptance/chaos-mode.js';
import { formatAcceptance, type AcceptanceReport } from '../src/acceptance/report.js';
import { DEFAULTS, runAcceptance } from '../src/acceptance/run.js';
import { loadInventory } from '../src/inventory/load.js';
import { parseEngine } from '../src/popularity/engine-options.js';

const USAGE = `usage: npm run acceptance -- [--engine ts|spark] [--messages ${DEFAULTS.messages}] [--rate ${DEFAULTS.rate}]
  [--chaos none|kill-broker|kill-host|kill-job|partition|kill-controller (ts: kill-job; spark: kill-driver|kill-executor)]
  [--seed ${DEFAULTS.seed}] [--hold-seconds H] [--report FILE] [--keep-topic] [--topic T (new)] [--quiet] [--inventory F] [--json]`;

function count(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) throw new InputError(`--${name} must be an integer >= ${min}, got "${text}"`);
  return n;
}

await runCli({
  usage: USAGE,
  options: {
    messages: { type: 'string' },
    rate: { type: 'string' },
    chaos: { type: 'string', default: 'none' },
    engine: { type: 'string', default: 'ts' },
    seed: { type: 'string' },
    'hold-seconds': { type: 'string' },
    report: { type: 'string' },
    'keep-topic': { type: 'boolean', default: false },
    topic: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
  async main({ values: v, log }): Promise<AcceptanceReport> {
    const engine = parseEngine(v.engine);
    const chaos = parseChaosMode(v.chaos, engine);
    if (v.topic !== undefined && !/^[a-zA-Z0-9._-]{1,200}$/.test(v.topic)) throw new InputError(`--topic must be a Kafka topic name (letters, digits, ".", "_", "-"), got "${v.topic}"`);
    const messages = count('messages', v.messages, DEFAULTS.messages);
    const rate = count('rate', v.rate, DEFAULTS.rate);
    const seed = count('seed', v.seed, DEFAULTS.seed, 0);
    const holdMs = v['hold-seconds'] === undefined ? undefined : count('hold-seconds', v['hold-seconds'], 0, 0) * 1000;
    const { cluster, warnings } = await loadInventory(resolve(v.inventory));
    for (const w of warnings) log(`warning: ${w}`);
    // Interrupted: exit at once; the job child is killed on exit (JobProcess), the run's topics
    // and state folder stay behind for a look (their names are in the log above).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (log(`${signal}: stopping`), process.exit(130)));
    if (engine === 'spark' && !cluster.sparkMasterUrl) throw new InputError(`--engine spark: ${cluster.inventoryFile} has no Spark master (give a host spark_master: true)`);
    // the check reads the job's committed offsets from its checkpoint files, over SSH
    if (engine === 'spark' && cluster.spark.checkpointStore.kind !== 'folder') throw new InputError(`--engine spark: the acceptance check reads the job's checkpoint from a folder, and cluster.spark.checkpoint_dir of ${cluster.inventoryFile} is on HDFS`);
    const report = await runAcceptance(cluster, { engine, messages, rate, chaos, seed, holdMs, keepTopic: v['keep-topic'], ...(v.topic === undefined ? {} : { topic: v.topic }), live: !v.quiet, log });
    if (v.report) await writeFile(v.report, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  },
  human: formatAcceptance,
  exitCode: (r) => (r.ok ? 0 : 1),
});

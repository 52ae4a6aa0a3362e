// npm run popularity -- --topic T [--group G] [--interval-ms 1000] [--checkpoint-dir D]
//   [--checkpoint-every 5] [--until-idle S] [--from earliest|latest] [--json] [--report FILE]
// npm run popularity -- --engine spark --topic T [--interval-ms 1000] [--from earliest|latest]
//   [--detach | --stop] [--inventory F] [--json]
// The streaming page-popularity job: prints the ten hottest pages every interval (stderr with
// --json), publishes to <topic>-popularity (compacted) and dead-letters to <topic>-dlq. The
// default engine is this tool's TypeScript job, run here; --engine spark submits the seed's
// Spark job to the inventory's Spark cluster (its driver runs on the master's host) and follows
// its output until Ctrl-C, which stops it; --detach leaves it running, --stop stops it.
import { writeFile } from 'node:fs/promises';
import { InputError } from '../src/core/errors.js';
import { runCli } from '../src/cli/run.js';
import { userClientSecurity } from '../src/security/user-files.js';
import { createKafkaClient } from '../src/kafka/index.js';
import { positiveInt, resolveConnection } from '../src/popularity/bootstrap.js';
import { checkEngineOptions, parseEngine } from '../src/popularity/engine-options.js';
import { PopularityJob } from '../src/popularity/job.js';
import { jobGroupOf } from '../src/popularity/output.js';
import type { JobReport } from '../src/popularity/report.js';
import { formatTopTable } from '../src/popularity/top-table.js';
import { clusterOptions, withCluster } from '../src/cluster/cli.js';
import { formatSparkRun, runSpark, type SparkRun } from '../src/cluster/spark-run.js';

const USAGE = `usage: npm run popularity -- --topic T [--group G] [--interval-ms 1000] [--checkpoint-dir .state/checkpoints]
  [--checkpoint-every 5] [--until-idle S] [--from earliest|latest] [--report FILE] [--bootstrap HOST:PORT] [--user NAME] [--inventory F] [--json]
       npm run popularity -- --engine spark --topic T [--interval-ms 1000] [--from earliest|latest] [--detach | --stop] [--user NAME] [--inventory F] [--json]`;

await runCli({
  usage: USAGE,
  options: {
    bootstrap: { type: 'string' },
    user: { type: 'string' },
    topic: { type: 'string' },
    group: { type: 'string' },
    'interval-ms': { type: 'string' },
    'checkpoint-dir': { type: 'string' },
    'checkpoint-every': { type: 'string' },
    'until-idle': { type: 'string' },
    from: { type: 'string', default: 'earliest' },
    report: { type: 'string' },
    'replication-factor': { type: 'string' },
    'session-timeout-ms': { type: 'string' },
    engine: { type: 'string', default: 'ts' },
    detach: { type: 'boolean' },
    stop: { type: 'boolean' },
    ...clusterOptions,
  },
  async main({ values: v, log }): Promise<JobReport | SparkRun> {
    if (!v.topic) throw new InputError('--topic is required');
    if (v.from !== 'earliest' && v.from !== 'latest') throw new InputError(`--from must be earliest or latest, got "${v.from}"`);
    const engine = parseEngine(v.engine);
    checkEngineOptions(engine, v);
    if (engine === 'spark') {
      const print = v.json ? log : (text: string) => process.stdout.write(`${text}\n`);
      return withCluster(v, log, async (ctx) => {
        // on a secured cluster the job connects as --user (a stop needs none)
        const security = v.user === undefined || v.stop ? null : await userClientSecurity(ctx.cluster, v.user);
        return runSpark(ctx, { topic: v.topic!, from: v.from as 'earliest' | 'latest', triggerMs: positiveInt('interval-ms', v['interval-ms'], 1000), detach: v.detach, stop: v.stop, security }, print, log);
      });
    }
    const client = createKafkaClient({ ...(await resolveConnection({ bootstrap: v.bootstrap, inventory: v.inventory, user: v.user }, log)), clientId: 'popularity-job' });
    const print = v.json ? log : (text: string) => process.stdout.write(`${text}\n`);
    const job = new PopularityJob(client, {
      topic: v.topic,
      group: v.group ?? jobGroupOf(v.topic),
      checkpointDir: v['checkpoint-dir'] ?? '.state/checkpoints',
      intervalMs: positiveInt('interval-ms', v['interval-ms'], 1000),
      checkpointEvery: positiveInt('checkpoint-every', v['checkpoint-every'], 5),
      untilIdleMs: v['until-idle'] === undefined ? undefined : positiveInt('until-idle', v['until-idle']) * 1000,
      from: v.from,
      replicationFactor: v['replication-factor'] === undefined ? undefined : positiveInt('replication-factor', v['replication-factor']),
      sessionTimeoutMs: v['session-timeout-ms'] === undefined ? undefined : positiveInt('session-timeout-ms', v['session-timeout-ms']),
      print,
      log,
    });
    process.once('SIGINT', () => job.stop());
    process.once('SIGTERM', () => job.stop());
    let report: JobReport;
    try {
      report = await job.run();
    } catch (err) {
      const partial = (err as { report?: JobReport }).report;
      if (partial && v.report) await writeFile(v.report, `${JSON.stringify(partial, null, 2)}\n`);
      throw err;
    }
    if (v.report) await writeFile(v.report, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  },
  human: (r) =>
    'engine' in r
      ? formatSparkRun(r)
      : [
          formatTopTable(r.top10, `== final: ${r.consumed} records (${r.malformed} malformed), ${r.batches} batches, p50 ${r.batch_ms_p50} ms, p99 ${r.batch_ms_p99} ms ==`),
          `output ${r.output_topic}, dead letters ${r.dlq_topic} (${r.dead_lettered} this run)`,
        ].join('\n'),
});

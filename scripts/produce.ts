// npm run produce -- --topic T (--count N | --rate R [--duration-s S]) [--interval-ms I] [--batch B]
//   [--seed S] [--ledger FILE] [--partitions P --replication-factor R] [--bootstrap H:P] [--json]
// The seed's user-behaviour producer: keyed by page id, idempotent, acks=all; the ledger file
// (jsonl) lists every ACKNOWLEDGED message with its partition and offset.
import { InputError } from '../src/core/errors.js';
import { runCli } from '../src/cli/run.js';
import { createKafkaClient } from '../src/kafka/index.js';
import { positiveInt, resolveConnection } from '../src/popularity/bootstrap.js';
import { appendLedger } from '../src/popularity/ledger.js';
import { PartitionAtomicSender } from '../src/popularity/partition-atomic-sender.js';
import { runProducer, type ProduceSummary } from '../src/popularity/producer.js';

const USAGE = `usage: npm run produce -- --topic T (--count N | --rate R [--duration-s S]) [--interval-ms 1000] [--batch 500]
  [--seed 1] [--ledger FILE.jsonl] [--partitions 3 --replication-factor R] [--bootstrap HOST:PORT] [--user NAME] [--inventory F] [--json]`;

await runCli({
  usage: USAGE,
  options: {
    bootstrap: { type: 'string' },
    user: { type: 'string' },
    topic: { type: 'string' },
    count: { type: 'string' },
    rate: { type: 'string' },
    'duration-s': { type: 'string' },
    'interval-ms': { type: 'string' },
    batch: { type: 'string' },
    seed: { type: 'string' },
    ledger: { type: 'string' },
    partitions: { type: 'string' },
    'replication-factor': { type: 'string' },
  },
  async main({ values: v, log }): Promise<ProduceSummary & { ledger: string | null }> {
    if (!v.topic) throw new InputError('--topic is required');
    if (v.count === undefined && v.rate === undefined) throw new InputError('give --count N or --rate R');
    if (v.count === undefined && v['duration-s'] === undefined) throw new InputError('--rate without --count needs --duration-s');
    const count = v.count === undefined ? undefined : positiveInt('count', v.count);
    const rate = v.rate === undefined ? undefined : positiveInt('rate', v.rate);
    const seed = v.seed === undefined ? 1 : Number(v.seed);
    if (!Number.isSafeInteger(seed)) throw new InputError(`--seed must be an integer, got "${v.seed}"`);
    const client = createKafkaClient({ ...(await resolveConnection({ bootstrap: v.bootstrap, inventory: v.inventory, user: v.user }, log)), clientId: 'popularity-producer' });

    const admin = await client.admin();
    let partitions: number;
    try {
      const brokers = (await admin.describeCluster()).brokers.length;
      const created = await admin.createTopic({
        topic: v.topic,
        partitions: positiveInt('partitions', v.partitions, 3),
        replicationFactor: positiveInt('replication-factor', v['replication-factor'], Math.min(3, brokers)),
      });
      if (created) log(`created topic ${v.topic}`);
      partitions = (await admin.topicOffsets(v.topic)).length;
    } finally {
      await admin.disconnect();
    }

    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let timer: NodeJS.Timeout | undefined;
    if (v['duration-s'] !== undefined) timer = setTimeout(stop, positiveInt('duration-s', v['duration-s']) * 1000);
    // A retried batch must not write again what one leader already acknowledged.
    const producer = new PartitionAtomicSender(await client.producer(), partitions);
    try {
      const summary = await runProducer(producer, {
        topic: v.topic,
        count,
        rate,
        intervalMs: positiveInt('interval-ms', v['interval-ms'], 1000),
        batchSize: positiveInt('batch', v.batch, 500),
        seed,
        signal: abort.signal,
        onAcked: v.ledger ? (entries) => appendLedger(v.ledger!, entries) : undefined,
        log,
      });
      return { ...summary, ledger: v.ledger ?? null };
    } finally {
      clearTimeout(timer);
      await producer.disconnect();
    }
  },
  human: (s) =>
    [
      `topic      ${s.topic} (run ${s.runId})`,
      `produced   ${s.produced}`,
      `acked      ${s.acked}${s.ledger ? ` (ledger ${s.ledger})` : ''}`,
      `in doubt   ${s.inDoubt.length}`,
      `throughput ${s.messagesPerSecond} msg/s over ${(s.durationMs / 1000).toFixed(1)} s, ${s.failedAttempts} failed attempts`,
    ].join('\n'),
  exitCode: (s) => (s.inDoubt.length > 0 ? 1 : 0),
});

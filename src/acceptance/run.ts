// npm run acceptance: the popularity job as an exact, fault-tolerant acceptance test.
//   1. a fresh topic (3 partitions, RF min(3, brokers)), a group and checkpoint folder per run;
//   2. the job (engine ts: a child process, scripts/popularity.ts; engine spark: the seed's
//      Spark job submitted to the inventory's Spark cluster), waited for until it consumes;
//   3. N messages through the idempotent acks=all producer, paced so that the fault (optional)
//      lands at ~40% acked; the producer keeps sending through it;
//   4. once the producer is done and the fault healed, wait for the job's checkpoints to reach
//      the high watermarks, stop the job (SIGTERM) and take its final state (the TypeScript
//      job's report; the Spark job's compacted output topic and committed offsets);
//   5. read the topic back and apply the exactness rule of ./check.ts (the ledger of acked
//      messages is the truth; in-doubt messages that were written are accounted for);
//   6. clean up: the topics (unless keepTopic), the run's state folder when it passed, the job.
// On a secured cluster the tool works as the admin, and the producer and the job each as a user
// made for the run with only what it needs (removed after it).
import { mkdir, rm } from 'node:fs/promises';
import { closeCtx, createCtx, type Ctx } from '../cluster/context.js';
import type { Cluster } from '../inventory/model.js';
import { createKafkaClient, type KafkaAdminPort, type KafkaClientPort, type KafkaProducerPort } from '../kafka/index.js';
import { adminSecrets, brokerClientSecurity } from '../security/cluster-secrets.js';
import { NO_GRANTS, withRunUsers, type RunUser } from '../security/run-user.js';
import { guardLabAddress } from '../lab/guard.js';
import { appendLedger, type LedgerEntry } from '../popularity/ledger.js';
import { runProducer, type ProduceSummary } from '../popularity/producer.js';
import { runChaos } from './chaos.js';
import { DEFAULT_HOLD_MS, emptyChaos, type ChaosMode } from './chaos-mode.js';
import { TsEngine, type EngineName, type JobEngine, type JobOutcome } from './engine.js';
import { JobProcess } from './job-process.js';
import { SparkEngine } from './spark-engine.js';
import { readBackAndCheck } from './read-back.js';
import { buildAcceptanceReport, type AcceptanceReport } from './report.js';
import { PartitionAtomicSender } from '../popularity/partition-atomic-sender.js';
import { createInputTopic, deleteRunTopics, PARTITIONS, runNames, topicName, type RunNames } from './topic.js';

export interface AcceptanceOptions {
  messages?: number;
  /** messages per second (default 1000), so that a fault lands while the producer still sends */
  rate?: number;
  chaos?: ChaosMode;
  seed?: number;
  /** how long the fault lasts (default per mode, see DEFAULT_HOLD_MS) */
  holdMs?: number;
  /** fraction of the messages acked when the fault is injected (default 0.4) */
  chaosAt?: number;
  keepTopic?: boolean;
  /** the run's input topic, which must not exist yet (default: popularity-<time>-<random>) */
  topic?: string;
  /** pass the job's live top-10 tables (its stderr) through to ours */
  live?: boolean;
  /** deadline for the job to catch up once production and the fault are over (default 180 s) */
  catchUpMs?: number;
  /** an existing cluster context (SSH sessions) to reuse; otherwise one is opened when needed */
  ctx?: Ctx;
  /** ts (default): this tool's job as a child process; spark: the seed's job on the Spark cluster */
  engine?: EngineName;
  /**
   * An operation on the cluster (a migration, an upgrade) run under the run's load instead of a
   * fault: started once `chaosAt` of the messages are acked; production goes on until it is over
   * and at least `messages` were acked. Its failure fails the run.
   */
  during?: () => Promise<void>;
  log?: (line: string) => void;
}

export const DEFAULTS = { messages: 20_000, rate: 1_000, seed: 1, chaosAt: 0.4, catchUpMs: 180_000, jobReadyMs: 120_000 };

const HOST_FAULTS: ChaosMode[] = ['kill-host', 'partition'];

export async function runAcceptance(cluster: Cluster, o: AcceptanceOptions = {}): Promise<AcceptanceReport> {
  // Host faults exist only on lab hosts; every other mode also runs against real servers.
  for (const b of cluster.brokers) await guardLabAddress(cluster, b.address, { required: HOST_FAULTS.includes(o.chaos ?? 'none') });
  const started = Date.now();
  const secrets = await adminSecrets(cluster);
  // the tool's own view (topics, read-back, offsets): as the admin on a secured cluster
  const client: KafkaClientPort = createKafkaClient({ brokers: cluster.bootstrapServers.split(','), clientId: 'kcp-acceptance', security: secrets && brokerClientSecurity(secrets) });
  const admin: KafkaAdminPort = await client.admin();
  const topic = o.topic ?? topicName();
  const names = runNames(cluster.baseDir, topic);
  // on a secured cluster the producer and the job connect as users made for the run, with only what they need
  const runUsers = [
    { name: 'kcp-acceptance-producer', grants: { ...NO_GRANTS, topics: [topic], write: true } },
    { name: 'kcp-acceptance-job', grants: o.engine === 'spark' ? { ...NO_GRANTS, sparkJob: topic } : { ...NO_GRANTS, groups: [names.group], job: topic } },
  ];
  try {
    return await withRunUsers(cluster, runUsers, o.log ?? (() => {}), (users) => acceptanceRun(cluster, o, { client, admin, topic, names, users, started }));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function acceptanceRun(
  cluster: Cluster,
  o: AcceptanceOptions,
  r: { client: KafkaClientPort; admin: KafkaAdminPort; topic: string; names: RunNames; users: RunUser[] | null; started: number },
): Promise<AcceptanceReport> {
  const log = o.log ?? (() => {});
  const mode = o.chaos ?? 'none';
  const messages = o.messages ?? DEFAULTS.messages;
  const rate = o.rate ?? DEFAULTS.rate;
  const seed = o.seed ?? DEFAULTS.seed;
  const holdMs = o.holdMs ?? DEFAULT_HOLD_MS[mode];
  const { client, admin, topic, names, users, started } = r;
  const timings: Record<string, number | null> = {};
  const [producerUser, jobUser] = users ?? [];
  let ctx = o.ctx;
  const ownCtx = !o.ctx;
  const producerClient = producerUser ? createKafkaClient({ brokers: cluster.bootstrapServers.split(','), clientId: 'kcp-acceptance-producer', security: producerUser.security }) : client;
  const job: JobEngine = o.engine === 'spark'
    // at most a second of production per batch: the job streams through the run in many
    // batches, so a fault lands between two of them rather than after one batch took all
    ? new SparkEngine((ctx ??= createCtx(cluster)), client, topic, DEFAULTS.jobReadyMs, log, { triggerMs: 1000, maxOffsetsPerTrigger: rate, security: jobUser?.security ?? null })
    : new TsEngine(
        new JobProcess({
          args: ['--inventory', cluster.inventoryFile, '--topic', topic, '--group', names.group, '--checkpoint-dir', names.checkpointDir,
            '--interval-ms', '500', '--checkpoint-every', '2', ...(jobUser ? ['--user', jobUser.name] : [])],
          dir: names.stateDir,
          live: o.live,
          log,
        }),
        topic, { dir: names.checkpointDir, group: names.group }, PARTITIONS, DEFAULTS.jobReadyMs,
      );
  let producer: KafkaProducerPort | undefined;
  let topicCreated = false;
  try {
    await mkdir(names.stateDir, { recursive: true });
    const replicationFactor = await createInputTopic(admin, topic);
    topicCreated = true;
    log(`topic ${topic}: ${PARTITIONS} partitions, replication factor ${replicationFactor}; state in ${names.stateDir}`);

    await job.start();
    timings.job_ready_ms = Date.now() - started;

    // Production, with the fault triggered from the ack callback once enough is acked.
    const ledger: LedgerEntry[] = [];
    const chaos = emptyChaos(mode);
    let chaosRun: Promise<void> | undefined;
    const produceStart = Date.now();
    const threshold = Math.max(1, Math.ceil(messages * (o.chaosAt ?? DEFAULTS.chaosAt)));
    const sender = new PartitionAtomicSender(await producerClient.producer(), PARTITIONS);
    producer = sender;
    const ledgerFile = `${names.stateDir}/ledger.jsonl`;
    // an operation instead of a fault: production lasts as long as it does
    const operation = o.during ? { run: o.during, stop: new AbortController(), started: null as Promise<void> | null, over: false, error: null as Error | null } : null;
    const enough = () => operation && operation.over && ledger.length >= messages && operation.stop.abort();
    let lastAck = Date.now();
    let maxAckGap = 0;
    const summary: ProduceSummary = await runProducer(sender, {
      topic, count: operation ? undefined : messages, signal: operation?.stop.signal, rate, seed, intervalMs: 100, batchSize: 250, maxAttempts: 15, retryBackoffMs: 500, log,
      onAcked: async (entries) => {
        maxAckGap = Math.max(maxAckGap, Date.now() - lastAck);
        lastAck = Date.now();
        ledger.push(...entries);
        await appendLedger(ledgerFile, entries);
        if (operation && !operation.started && ledger.length >= threshold) {
          timings.operation_started_ms = Date.now() - produceStart;
          log(`operation under load: starting at ${ledger.length} acked`);
          operation.started = operation.run().catch((err: Error) => void (operation.error = err)).finally(() => {
            operation.over = true;
            timings.operation_ms = Date.now() - produceStart - timings.operation_started_ms!;
            enough();
          });
        }
        enough();
        if (mode !== 'none' && !chaosRun && ledger.length >= threshold) {
          chaos.injected_at_acked = ledger.length;
          chaosRun = runChaos(mode, {
            cluster, ctx: () => (ctx ??= createCtx(cluster)), admin, topic, job, holdMs, clock: () => Date.now() - produceStart, log,
          }, chaos);
        }
      },
    });
    timings.produce_ms = Date.now() - produceStart;
    timings.max_ack_gap_ms = maxAckGap;
    log(`produced ${summary.produced}: ${summary.acked} acked, ${summary.inDoubt.length} in doubt, ${summary.failedAttempts} failed attempts; longest gap between acks ${maxAckGap} ms`);
    await chaosRun;
    await operation?.started;
    timings.fault_over_ms = Date.now() - produceStart;

    // A batch given up as a whole may still have had partitions acknowledged: those are acked.
    const inDoubt = summary.inDoubt.filter((d) => {
      const ack = sender.ackOf(d.id);
      if (ack) ledger.push({ ...d, partition: ack.partition, offset: ack.offset });
      return !ack;
    });

    const extraFailures: string[] = [];
    if (operation?.error) extraFailures.push(`the operation under load failed: ${operation.error.message.split('\n')[0]}`);
    if (operation && !operation.started) extraFailures.push('the operation under load never started');
    const catchUpStart = Date.now();
    await job.waitCaughtUp(admin, o.catchUpMs ?? DEFAULTS.catchUpMs)
      .catch((err: Error) => extraFailures.push(`the job did not catch up: ${err.message}`));
    timings.catch_up_ms = Date.now() - catchUpStart;
    const resumed = job.resumedFrom;
    let jobReport: JobOutcome | null = null;
    try {
      jobReport = await job.stop();
    } catch (err) {
      extraFailures.push((err as Error).message);
    }

    const readStart = Date.now();
    const { check, outputDiff, failures } = await readBackAndCheck(client, admin, { topic, ledger, inDoubt, job: jobReport });
    extraFailures.push(...failures);
    timings.read_back_ms = Date.now() - readStart;
    timings.total_ms = Date.now() - started;
    const report = buildAcceptanceReport({
      topic, group: names.group, produced: summary.produced, acked: ledger.length, check, job: jobReport,
      engine: job.name, jobExits: job.exits, jobInstances: job.instances, resumedFrom: resumed, chaos, outputDiff, inDoubt: inDoubt.length,
      producer: { failed_attempts: summary.failedAttempts, send_errors: summary.sendErrors, batches: summary.batches, messages_per_second: summary.messagesPerSecond },
      seed, messages, rate, replicationFactor, timings, stateDir: names.stateDir, extraFailures,
    });
    if (!o.keepTopic) {
      report.topics_deleted = await deleteRunTopics(admin, topic).catch((err: Error) => (log(`could not delete the topics: ${err.message}`), []));
      topicCreated = false;
      if (report.ok) {
        await rm(names.stateDir, { recursive: true, force: true });
        await job.discard().catch((err: Error) => log(`could not remove the job's checkpoint: ${err.message}`));
        report.state_dir = null;
      }
    }
    return report;
  } finally {
    await job.ensureDead();
    if (topicCreated && !o.keepTopic) await deleteRunTopics(admin, topic).catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    if (ctx && ownCtx) await closeCtx(ctx);
  }
}

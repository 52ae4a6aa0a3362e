// The streaming page-popularity job. Records are folded into per-PARTITION state as they arrive;
// every interval closes a micro-batch: changed pages go to the compacted output topic, malformed
// records to the dead-letter topic, the top ten is printed, and every few batches each partition's
// state is checkpointed together with its next offset — then (only for lag visibility) committed
// to Kafka. The checkpoint, not Kafka's committed offset, is where a partition resumes, and
// PartitionState only ever applies the record at its next offset: after kill -9 nothing is counted
// twice and nothing is missed.
import type { Assignment, GroupConsumerPort, KafkaAdminPort, KafkaClientPort, KafkaProducerPort, RecordBatch } from '../kafka/index.js';
import { CheckpointStore, type Checkpoint } from './checkpoint.js';
import { deadLetterMessage, deadLetterTopicOf, outputTopicOf, popularityMessages, sendAll, type DeadLetter } from './output.js';
import { topN } from './oracle.js';
import { buildReport, type JobReport } from './report.js';
import { PartitionState, type PartitionSnapshot } from './state.js';
import { formatTopTable } from './top-table.js';

export interface JobOptions {
  topic: string;
  group: string;
  checkpointDir: string;
  intervalMs?: number;
  /** Checkpoint every N micro-batches (and always on revoke and shutdown). */
  checkpointEvery?: number;
  /** Where a partition without a checkpoint starts. */
  from?: 'earliest' | 'latest';
  /** Stop after this long without new records (and without a rebalance). */
  untilIdleMs?: number;
  outputTopic?: string;
  deadLetterTopic?: string;
  /** Replication factor for the output topics this job creates; default min(3, brokers). */
  replicationFactor?: number;
  sessionTimeoutMs?: number;
  /** Receives the top-ten table every interval. */
  print?: (table: string) => void;
  log?: (line: string) => void;
}

export class PopularityJob {
  readonly outputTopic: string;
  readonly deadLetterTopic: string;
  private readonly store: CheckpointStore;
  private readonly intervalMs: number;
  private readonly checkpointEvery: number;
  private readonly log: (line: string) => void;
  private readonly parts = new Map<number, PartitionState>();
  private readonly seekedTo = new Map<number, number>();
  private readonly loading = new Map<number, Promise<PartitionState | undefined>>();
  private deadLetters: DeadLetter[] = [];
  private unpublished = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  private admin?: KafkaAdminPort;
  private producer?: KafkaProducerPort;
  private consumer?: GroupConsumerPort;
  private stopping = false;
  private failure?: Error;
  private wake?: () => void;
  private lastActivity = Date.now();
  private readonly startedAt = new Date();
  private pendingApplyMs = 0;
  private pendingRecords = 0;
  private readonly counters = { recordsRead: 0, skipped: 0, gaps: 0, deadLettered: 0, published: 0, checkpoints: 0, intervals: 0 };
  private readonly batchMs: number[] = [];

  constructor(private readonly client: KafkaClientPort, private readonly o: JobOptions) {
    this.outputTopic = o.outputTopic ?? outputTopicOf(o.topic);
    this.deadLetterTopic = o.deadLetterTopic ?? deadLetterTopicOf(o.topic);
    this.store = new CheckpointStore(o.checkpointDir, o.topic, o.group);
    this.intervalMs = o.intervalMs ?? 1000;
    this.checkpointEvery = Math.max(1, o.checkpointEvery ?? 5);
    this.log = o.log ?? (() => {});
  }

  /** Runs until stop() or --until-idle; resolves with the final report. */
  async run(): Promise<JobReport> {
    try {
      await this.start();
      while (!this.stopping && !this.failure) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.intervalMs);
          this.wake = () => (clearTimeout(t), resolve());
        });
        if (this.stopping || this.failure) break;
        await this.serial(() => this.microBatch(false));
        const idleMs = Date.now() - this.lastActivity;
        if (this.o.untilIdleMs !== undefined && idleMs >= this.o.untilIdleMs) {
          this.log(`no new records for ${Math.round(idleMs / 1000)} s: stopping`);
          break;
        }
      }
      return await this.shutdown();
    } catch (err) {
      await this.close().catch(() => {});
      throw err;
    }
  }

  /** Asks the run loop to finish: final micro-batch, checkpoints, report. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  private async start(): Promise<void> {
    this.admin = await this.client.admin();
    const inputs = await this.admin.topicOffsets(this.o.topic);
    if (inputs.length === 0) throw new Error(`topic ${this.o.topic} has no partitions`);
    const brokers = (await this.admin.describeCluster()).brokers.length;
    const replicationFactor = this.o.replicationFactor ?? Math.min(3, brokers);
    await this.admin.createTopic({
      topic: this.outputTopic, partitions: inputs.length, replicationFactor, configs: { 'cleanup.policy': 'compact' },
    });
    await this.admin.createTopic({ topic: this.deadLetterTopic, partitions: inputs.length, replicationFactor });
    await this.store.removeStaleTemps();
    this.producer = await this.client.producer();
    this.consumer = await this.client.consumer({ groupId: this.o.group, sessionTimeoutMs: this.o.sessionTimeoutMs });
    this.lastActivity = Date.now();
    await this.consumer.run({
      topics: [this.o.topic],
      fromBeginning: (this.o.from ?? 'earliest') === 'earliest',
      eachBatch: (batch) => this.onBatch(batch),
      onAssignment: (a) => this.onAssignment(a),
      onRebalanceStart: () => void this.serial(() => this.microBatch(true)),
      onCrash: (err) => this.fail(err),
    });
  }

  private fail(err: Error): void {
    this.log(`job failed: ${err.message}`);
    this.failure ??= err;
    this.wake?.();
  }

  /** Micro-batch work, rebalance hand-over and shutdown never interleave. */
  private serial(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work).catch((err: Error) => this.fail(err));
    this.chain = next;
    return next;
  }

  private async onBatch(batch: RecordBatch): Promise<void> {
    if (this.stopping || this.failure) return;
    const started = performance.now();
    const state = this.parts.get(batch.partition) ?? (await this.resume(batch.partition));
    if (!state) return;
    let fresh = 0;
    let last: number | null = null;
    for (const record of batch.records) {
      if (batch.isStale() || this.stopping) break;
      this.counters.recordsRead++;
      let outcome = state.apply(record.offset, record.value);
      if (outcome.kind === 'gap') {
        if (this.seekedTo.get(batch.partition) !== outcome.expected) {
          // Kafka delivered from past our checkpoint (e.g. a newer committed offset): go back.
          this.seekedTo.set(batch.partition, outcome.expected);
          this.consumer!.seek({ topic: batch.topic, partition: batch.partition, offset: outcome.expected });
          this.log(`partition ${batch.partition}: got offset ${record.offset}, seeking back to ${outcome.expected}`);
          break;
        }
        // Seeking did not bring them back: those records no longer exist (retention).
        this.counters.gaps += record.offset - outcome.expected;
        this.log(`partition ${batch.partition}: offsets ${outcome.expected}..${record.offset - 1} are gone, skipping`);
        state.skipTo(record.offset);
        outcome = state.apply(record.offset, record.value);
      }
      if (outcome.kind === 'skipped') this.counters.skipped++;
      else fresh++;
      if (outcome.kind === 'malformed') this.deadLetters.push({ record, reason: outcome.reason, detail: outcome.detail });
      last = record.offset;
    }
    // Once per batch: resolving is only bookkeeping for the next fetch (the checkpoint is the
    // truth), and per record it cost a measurable share of the job's throughput.
    if (last !== null) batch.resolve(last);
    if (fresh > 0) {
      this.lastActivity = Date.now();
      this.pendingRecords += fresh;
    }
    this.pendingApplyMs += performance.now() - started;
  }

  /** Loads a partition once, whether its first batch or its assignment comes first. */
  private resume(partition: number): Promise<PartitionState | undefined> {
    let loading = this.loading.get(partition);
    if (!loading) {
      loading = this.load(partition)
        .catch((err: Error) => {
          this.fail(err); // a damaged checkpoint must stop the job, not be skipped
          return undefined;
        })
        .finally(() => this.loading.delete(partition));
      this.loading.set(partition, loading);
    }
    return loading;
  }

  /** A partition's checkpoint, or a fresh state at the earliest/latest offset. */
  private async load(partition: number): Promise<PartitionState | undefined> {
    const checkpoint: Checkpoint | null = await this.store.load(partition);
    let state: PartitionState;
    if (checkpoint) {
      state = PartitionState.fromSnapshot(checkpoint);
      this.log(`partition ${partition}: resuming from checkpoint at offset ${checkpoint.nextOffset}`);
    } else {
      const offsets = (await this.admin!.topicOffsets(this.o.topic)).find((o) => o.partition === partition);
      const start = (this.o.from ?? 'earliest') === 'earliest' ? (offsets?.low ?? 0) : (offsets?.high ?? 0);
      state = new PartitionState(partition, start);
      this.log(`partition ${partition}: no checkpoint, starting at ${this.o.from ?? 'earliest'} offset ${start}`);
    }
    const stillMine = this.consumer!.assignment().some((tp) => tp.topic === this.o.topic && tp.partition === partition);
    if (!stillMine) return undefined;
    this.parts.set(partition, state);
    return state;
  }

  private onAssignment(a: Assignment): void {
    this.lastActivity = Date.now();
    if (a.assigned.length > 0) {
      this.log(`assigned partitions ${a.assigned.map((tp) => tp.partition).join(',')}`);
      // Load now rather than at the first record: a partition with nothing new still reports its state.
      for (const { partition } of a.assigned) if (!this.parts.has(partition)) void this.resume(partition);
    }
    if (a.revoked.length === 0 || this.stopping) return;
    // Hand-over: capture what the revoked partitions hold now, publish and checkpoint it, drop it.
    const snapshots: PartitionSnapshot[] = [];
    const changed = new Map<string, number>();
    for (const { partition } of a.revoked) {
      const state = this.parts.get(partition);
      this.parts.delete(partition);
      this.seekedTo.delete(partition);
      if (!state) continue;
      snapshots.push(state.snapshot());
      for (const [page, value] of state.takeChanged()) changed.set(page, value);
    }
    this.log(`revoked partitions ${a.revoked.map((tp) => tp.partition).join(',')}`);
    void this.serial(() => this.microBatch(true, { snapshots, changed }));
  }

  private async microBatch(checkpointNow: boolean, handedOver?: { snapshots: PartitionSnapshot[]; changed: Map<string, number> }) {
    const started = performance.now();
    // Captured synchronously, so the checkpoints below cover exactly what was published.
    const snapshots = [...[...this.parts.values()].map((s) => s.snapshot()), ...(handedOver?.snapshots ?? [])];
    for (const state of this.parts.values()) for (const [page, v] of state.takeChanged()) this.unpublished.set(page, v);
    for (const [page, v] of handedOver?.changed ?? []) this.unpublished.set(page, v);
    const changed = this.unpublished;
    this.unpublished = new Map();
    const deadLetters = this.deadLetters;
    this.deadLetters = [];
    const records = this.pendingRecords;
    const applyMs = this.pendingApplyMs;
    this.pendingRecords = 0;
    this.pendingApplyMs = 0;
    this.counters.intervals++;

    let published = false;
    try {
      const outputs = popularityMessages(changed);
      const dlq = deadLetters.map(deadLetterMessage);
      await sendAll(this.producer!, this.outputTopic, outputs);
      await sendAll(this.producer!, this.deadLetterTopic, dlq);
      this.counters.published += outputs.length;
      this.counters.deadLettered += dlq.length;
      published = true;
    } catch (err) {
      // Keep them for the next batch, and do not checkpoint past records not yet published.
      for (const [page, v] of changed) if (!this.unpublished.has(page)) this.unpublished.set(page, v);
      this.deadLetters = [...deadLetters, ...this.deadLetters];
      this.log(`publishing failed, will retry: ${(err as Error).message}`);
    }

    const due = checkpointNow || this.counters.intervals % this.checkpointEvery === 0;
    if (published && due && snapshots.length > 0) {
      await Promise.all(snapshots.map((s) => this.store.save(s)));
      this.counters.checkpoints++;
      const mine = new Set(this.consumer!.assignment().map((tp) => tp.partition));
      const offsets = snapshots.filter((s) => mine.has(s.partition)).map((s) => ({ topic: this.o.topic, partition: s.partition, offset: s.nextOffset }));
      await this.consumer!.commit(offsets).catch((err: Error) => this.log(`offset commit failed (lag display only): ${err.message}`));
    }
    if (records > 0) {
      const ms = applyMs + (performance.now() - started);
      this.batchMs.push(ms);
      const heading = `-- top 10 @ ${new Date().toISOString()} -- batch ${this.batchMs.length}: ${records} records in ${ms.toFixed(1)} ms`;
      this.o.print?.(formatTopTable(topN(this.popularity()), heading));
    }
  }

  /** Page -> popularity over the partitions this instance owns. */
  popularity(): Map<string, number> {
    const total = new Map<string, number>();
    for (const state of this.parts.values()) for (const [page, v] of state.entries()) total.set(page, (total.get(page) ?? 0) + v);
    return total;
  }

  private async shutdown(): Promise<JobReport> {
    await Promise.all(this.loading.values());
    this.stopping = true;
    await this.serial(() => this.microBatch(true));
    await this.chain;
    const report = buildReport({
      topic: this.o.topic,
      group: this.o.group,
      outputTopic: this.outputTopic,
      deadLetterTopic: this.deadLetterTopic,
      startedAt: this.startedAt,
      partitions: [...this.parts.values()].map((s) => s.snapshot()),
      popularity: this.popularity(),
      batchMs: this.batchMs,
      counters: this.counters,
      error: this.failure?.message,
    });
    await this.close();
    if (this.failure) throw Object.assign(this.failure, { report });
    return report;
  }

  private async close(): Promise<void> {
    this.stopping = true;
    const steps = [() => this.consumer?.stop(), () => this.producer?.disconnect(), () => this.admin?.disconnect()];
    for (const step of steps) await Promise.resolve(step()).catch((err: Error) => this.log(`closing: ${err.message}`));
    this.consumer = this.producer = this.admin = undefined;
  }
}

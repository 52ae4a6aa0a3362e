// The streaming page-popularity job. Records are folded into per-PARTITION state as they arrive;
// every interval closes a micro-batch: changed pages go to the compacted output topic, malformed
// records to the dead-letter topic, the top ten is printed, the batch's figures go to the stats
// topic (for the dashboard), and every few batches each partition's state is checkpointed together
// with its next offset — then (only for lag visibility) committed to Kafka. The checkpoint, not
// Kafka's committed offset, is where a partition resumes, and PartitionState only ever applies the
// record at its next offset: after kill -9 nothing is counted twice and nothing is missed.
import { renewingProducer, type Assignment, type GroupConsumerPort, type KafkaAdminPort, type KafkaClientPort, type KafkaProducerPort, type RecordBatch } from '../kafka/index.js';
import { CheckpointStore } from './checkpoint.js';
import { foldRecords } from './fold.js';
import { topN } from './oracle.js';
import { Outbox } from './outbox.js';
import { createOutputTopics, deadLetterTopicOf, outputTopicOf } from './output.js';
import { OwnedPartitions } from './partitions.js';
import { buildReport, type JobReport } from './report.js';
import { PartitionState, type PartitionSnapshot } from './state.js';
import { batchStats, instanceId, statsTopicConfigs, statsTopicOf } from './job-stats.js';
import { StatsPublisher } from './stats-publisher.js';
import { formatTopTable } from './top-table.js';

export interface JobOptions {
  topic: string;
  group: string;
  checkpointDir: string;
  intervalMs?: number;
  /** Checkpoint every N micro-batches (and always at shutdown). */
  checkpointEvery?: number;
  /** Where a partition without a checkpoint starts. */
  from?: 'earliest' | 'latest';
  /** Stop after this long without new records (and without a rebalance). */
  untilIdleMs?: number;
  outputTopic?: string;
  deadLetterTopic?: string;
  statsTopic?: string;
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
  readonly statsTopic: string;
  private readonly store: CheckpointStore;
  private readonly intervalMs: number;
  private readonly checkpointEvery: number;
  private readonly from: 'earliest' | 'latest';
  private readonly log: (line: string) => void;
  private readonly partitions: OwnedPartitions;
  private readonly outbox: Outbox;
  private readonly stats: StatsPublisher;
  private readonly instance = instanceId();
  private chain: Promise<void> = Promise.resolve();
  private outputsReady?: Promise<void>;
  private admin?: KafkaAdminPort;
  private producer?: KafkaProducerPort;
  private statsProducer?: KafkaProducerPort;
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
    this.statsTopic = o.statsTopic ?? statsTopicOf(o.topic);
    this.store = new CheckpointStore(o.checkpointDir, o.topic, o.group);
    this.intervalMs = o.intervalMs ?? 1000;
    this.checkpointEvery = Math.max(1, o.checkpointEvery ?? 5);
    this.from = o.from ?? 'earliest';
    this.log = o.log ?? (() => {});
    this.partitions = new OwnedPartitions((p) => this.loadPartition(p), (p) => this.isAssigned(p), (err) => this.fail(err));
    this.outbox = new Outbox(this.outputTopic, this.deadLetterTopic);
    this.stats = new StatsPublisher(this.statsTopic, this.log);
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

  /** Page -> popularity over the partitions this instance owns. */
  popularity(): Map<string, number> {
    return this.partitions.popularity();
  }

  private async start(): Promise<void> {
    this.admin = await this.client.admin();
    const inputs = await this.admin.topicOffsets(this.o.topic);
    if (inputs.length === 0) throw new Error(`topic ${this.o.topic} has no partitions`);
    await this.store.removeStaleTemps();
    this.consumer = await this.client.consumer({ groupId: this.o.group, sessionTimeoutMs: this.o.sessionTimeoutMs });
    this.lastActivity = Date.now();
    // Joining the group waits out the broker's group.initial.rebalance.delay.ms (3 s by default):
    // the output topics and the producer get ready meanwhile. Micro-batches, their only users,
    // queue behind them on the serial chain.
    this.outputsReady = this.prepareOutputs(inputs.length);
    this.chain = this.outputsReady;
    await Promise.all([
      this.outputsReady,
      this.consumer.run({
        topics: [this.o.topic],
        fromBeginning: this.from === 'earliest',
        eachBatch: (batch) => this.onBatch(batch),
        onAssignment: (a) => this.onAssignment(a),
        onRebalanceStart: () => void this.serial(() => this.microBatch(true)),
        onCrash: (err) => this.fail(err),
      }),
    ]);
  }

  /** The compacted output topic and the dead-letter topic (as many partitions as the input), the stats topic, and the producer. */
  private async prepareOutputs(partitions: number): Promise<void> {
    const admin = this.admin!;
    const replicationFactor = await createOutputTopics(admin, { outputTopic: this.outputTopic, deadLetterTopic: this.deadLetterTopic, partitions, replicationFactor: this.o.replicationFactor });
    // only for watching the job: a stats topic that cannot be made leaves the job running
    await admin.createTopic({ topic: this.statsTopic, partitions: 1, replicationFactor, configs: statsTopicConfigs }).catch((err: Error) => {
      this.log(`stats: could not create ${this.statsTopic} (the job goes on without it): ${err.message}`);
    });
    // A flush after a failed one sends newer values, not the same batch: it needs a new session
    // (see renewingProducer). The stats have their own, so that their failures, which the stats
    // publisher reports once, neither renew nor interrupt the output's session.
    const make = () => this.client.producer();
    const [output, stats] = await Promise.all([make(), make()]);
    this.producer = renewingProducer(output, make, this.log);
    this.statsProducer = renewingProducer(stats, make);
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

  private isAssigned(partition: number): boolean {
    return this.consumer!.assignment().some((tp) => tp.topic === this.o.topic && tp.partition === partition);
  }

  /** A partition's checkpoint, or a fresh state at the earliest/latest offset. */
  private async loadPartition(partition: number): Promise<PartitionState> {
    const checkpoint = await this.store.load(partition);
    if (checkpoint) {
      this.log(`partition ${partition}: resuming from checkpoint at offset ${checkpoint.nextOffset}`);
      return PartitionState.fromSnapshot(checkpoint);
    }
    const offsets = (await this.admin!.topicOffsets(this.o.topic)).find((o) => o.partition === partition);
    const start = this.from === 'earliest' ? (offsets?.low ?? 0) : (offsets?.high ?? 0);
    this.log(`partition ${partition}: no checkpoint, starting at ${this.from} offset ${start}`);
    return new PartitionState(partition, start);
  }

  private async onBatch(batch: RecordBatch): Promise<void> {
    if (this.stopping || this.failure) return;
    const started = performance.now();
    const { partition } = batch;
    const state = this.partitions.get(partition) ?? (await this.partitions.resume(partition)); // no await once loaded
    // Checked once: folding never awaits, so only its own seek (which ends the fold) can make the
    // batch stale while it runs; per record, kafkajs's isStale() cost a measurable share of throughput.
    if (!state || this.stopping || this.failure || batch.isStale()) return;
    const folded = foldRecords(state, batch.records, this.partitions.soughtTo.get(partition));
    this.counters.recordsRead += folded.read;
    this.counters.skipped += folded.skipped;
    this.outbox.addDeadLetters(folded.deadLetters);
    for (const [from, to] of folded.gone) {
      this.counters.gaps += to - from + 1;
      this.log(`partition ${partition}: offsets ${from}..${to} are gone, skipping`);
    }
    if (folded.seekBack) {
      // Kafka delivered from past our checkpoint (e.g. a newer committed offset): go back.
      this.partitions.soughtTo.set(partition, folded.seekBack.to);
      this.consumer!.seek({ topic: batch.topic, partition, offset: folded.seekBack.to });
      this.log(`partition ${partition}: got offset ${folded.seekBack.got}, seeking back to ${folded.seekBack.to}`);
    }
    // Once per batch: resolving is only bookkeeping for the next fetch (the checkpoint is the truth).
    if (folded.last !== null) batch.resolve(folded.last);
    if (folded.fresh > 0) {
      this.lastActivity = Date.now();
      this.pendingRecords += folded.fresh;
    }
    this.pendingApplyMs += performance.now() - started;
  }

  private onAssignment(a: Assignment): void {
    this.lastActivity = Date.now();
    if (a.assigned.length > 0) {
      this.log(`assigned partitions ${a.assigned.map((tp) => tp.partition).join(',')}`);
      // Load now rather than at the first record: a partition with nothing new still reports its state.
      for (const { partition } of a.assigned) void this.partitions.resume(partition);
    }
    if (a.revoked.length === 0) return;
    // Nothing of a revoked partition is published or checkpointed from here on: a value sent late
    // would overwrite its next owner's newer one on the compacted topic (see Outbox).
    const revoked = a.revoked.map((tp) => tp.partition);
    const dropped = this.partitions.release(revoked);
    this.outbox.drop(revoked);
    this.log(
      `revoked partitions ${revoked.join(',')}` +
        (dropped.length > 0 ? `: dropped the state of ${dropped.join(',')}; the next owner resumes from the last checkpoint` : ''),
    );
  }

  private async microBatch(checkpointNow: boolean): Promise<void> {
    const started = performance.now();
    // Taken synchronously, like the outbox's content when flush() starts: the checkpoints below
    // cover exactly what gets published.
    const snapshots = this.partitions.snapshots();
    for (const [partition, pages] of this.partitions.takeChanged()) this.outbox.addChanged(partition, pages);
    const records = this.pendingRecords;
    const applyMs = this.pendingApplyMs;
    this.pendingRecords = 0;
    this.pendingApplyMs = 0;
    this.counters.intervals++;

    let published = false;
    try {
      const sent = await this.outbox.flush(this.producer!, (p) => this.partitions.owns(p));
      this.counters.published += sent.published;
      this.counters.deadLettered += sent.deadLettered;
      published = true;
    } catch (err) {
      this.log(`publishing failed, will retry: ${(err as Error).message}`);
    }
    // Never checkpoint past records whose results are not yet published.
    const due = checkpointNow || this.counters.intervals % this.checkpointEvery === 0;
    if (published && due && snapshots.length > 0) await this.checkpoint(snapshots);
    const ms = applyMs + (performance.now() - started);
    if (this.statsProducer) {
      const owned = snapshots.filter((s) => this.partitions.owns(s.partition));
      const stats = batchStats({ instance: this.instance, startedAt: this.startedAt, intervalMs: this.intervalMs, interval: this.counters.intervals, records, batchMs: ms, published, owned });
      this.stats.publish(this.statsProducer, stats);
    }
    if (records > 0) {
      this.batchMs.push(ms);
      const heading = `-- top 10 @ ${new Date().toISOString()} -- batch ${this.batchMs.length}: ${records} records in ${ms.toFixed(1)} ms`;
      this.o.print?.(formatTopTable(topN(this.popularity()), heading));
    }
  }

  /** Saves the snapshots of partitions still owned here, then commits their offsets (lag display only). */
  private async checkpoint(snapshots: PartitionSnapshot[]): Promise<void> {
    const owned = snapshots.filter((s) => this.partitions.owns(s.partition));
    if (owned.length === 0) return;
    await Promise.all(owned.map((s) => this.store.save(s)));
    this.counters.checkpoints++;
    const offsets = owned.map((s) => ({ topic: this.o.topic, partition: s.partition, offset: s.nextOffset }));
    await this.consumer!.commit(offsets).catch((err: Error) => this.log(`offset commit failed (lag display only): ${err.message}`));
  }

  private async shutdown(): Promise<JobReport> {
    await this.partitions.settled();
    this.stopping = true;
    await this.serial(() => this.microBatch(true));
    await this.chain;
    const report = buildReport({
      topic: this.o.topic,
      group: this.o.group,
      outputTopic: this.outputTopic,
      deadLetterTopic: this.deadLetterTopic,
      statsTopic: this.statsTopic,
      startedAt: this.startedAt,
      partitions: this.partitions.snapshots(),
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
    await this.outputsReady?.catch(() => {}); // a producer still connecting would outlive the job
    await this.stats.settled();
    const steps = [() => this.consumer?.stop(), () => this.producer?.disconnect(), () => this.statsProducer?.disconnect(), () => this.admin?.disconnect()];
    for (const step of steps) await Promise.resolve(step()).catch((err: Error) => this.log(`closing: ${err.message}`));
    this.consumer = this.producer = this.statsProducer = this.admin = undefined;
  }
}

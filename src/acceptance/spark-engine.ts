// The seed's Spark job as the acceptance run's engine: submitted to the inventory's Spark cluster
// (its driver on the master's host), its progress read from its checkpoint (the offsets of the
// last committed batch), its final state from the compacted output topic it writes, a crash a
// SIGKILL of the driver, a resumption a resubmission with the same checkpoint.
import type { Ctx } from '../cluster/context.js';
import { driverPaths, readDriverLog, sparkJobPid, stopSparkJob, submitSparkJob, type SparkJobOptions } from '../cluster/spark-job.js';
import { OperationError } from '../core/errors.js';
import { poll } from '../core/poll.js';
import { sh } from '../core/shell.js';
import { readTopic, type KafkaAdminPort, type KafkaClientPort } from '../kafka/index.js';
import { deadLetterTopicOf, outputTopicOf, readPopularity } from '../popularity/output.js';
import { committedOffsetsCommand, parseCommittedOffsets, type CommittedOffsets } from '../spark/checkpoint.js';
import type { JobEngine, JobOutcome } from './engine.js';
import type { JobExit } from './job-process.js';

export class SparkEngine implements JobEngine {
  readonly name = 'spark' as const;
  readonly exits: JobExit[] = [];
  instances = 0;
  resumedFrom: Record<string, number> = {};
  pid: number | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly client: KafkaClientPort,
    private readonly topic: string,
    private readonly readyMs: number,
    private readonly log: (line: string) => void,
    /** how the job is submitted besides its topic (default: a 1 s trigger, no cap per batch) */
    private readonly submit: Omit<SparkJobOptions, 'topic'> = { triggerMs: 1000 },
  ) {}

  private get checkpoint(): string {
    return `${this.ctx.cluster.spark.checkpointDir}/${this.topic}`;
  }

  private async session() {
    return this.ctx.sessions.session(this.ctx.cluster.processes.find((p) => p.service === 'spark-master')!.host.name);
  }

  /** The offsets of the last committed batch of the popularity query; null before the first. */
  async committed(): Promise<CommittedOffsets | null> {
    const { stdout } = await (await this.session()).exec(committedOffsetsCommand(`${this.checkpoint}/popularity`), { describe: 'read the Spark checkpoint' });
    return parseCommittedOffsets(stdout, this.topic);
  }

  async start(): Promise<void> {
    const paths = driverPaths(this.topic);
    const from = (await readDriverLog(this.ctx, paths, 0).catch(() => ({ next: 0 }))).next;
    const job = await submitSparkJob(this.ctx, { ...this.submit, topic: this.topic }, this.log);
    this.pid = job.pid;
    this.instances++;
    this.log(`Spark driver instance ${this.instances} started (pid ${job.pid} on ${job.host}); web console ${job.web_ui}`);
    // its queries have started once it says so (after SparkContext, the executors, the state stores)
    const text = await poll(async () => (await readDriverLog(this.ctx, paths, from)).text, {
      deadlineMs: this.readyMs,
      intervalMs: 1000,
      describe: 'the Spark job to start its queries',
      until: (text) => {
        if (/^popularity job: /m.test(text)) return true;
        if (/^Exception in thread "main"/m.test(text)) throw new OperationError(`the Spark driver failed:\n${text.split('\n').slice(-20).join('\n')}`);
        return false;
      },
    });
    const restored = /^top ten: (.*)$/m.exec(text)?.[1];
    if (restored) this.log(`Spark driver instance ${this.instances}: top ten ${restored}`);
  }

  private exited(pid: number, requested: boolean, signal: string): void {
    this.exits.push({ instance: this.instances, pid, code: null, signal, requested, stderr_tail: [] });
  }

  async crash(): Promise<string> {
    const saved = await poll(() => this.committed(), {
      deadlineMs: 120_000, intervalMs: 500, maxIntervalMs: 2000, describe: 'a first committed batch past offset 0',
      until: (c) => c !== null && [...c.next.values()].some((o) => o > 0),
    });
    const pid = await stopSparkJob(this.ctx, this.topic, { kill: true });
    if (pid === null) throw new OperationError(`no Spark driver of ${this.topic} was running`);
    this.exited(pid, true, 'SIGKILL');
    return `SIGKILL to the Spark driver pid ${pid} (instance ${this.instances}); committed batch ${saved!.batch} at offsets ${[...saved!.next].map(([p, o]) => `${p}:${o}`).join(', ')}`;
  }

  async resume(): Promise<string> {
    const c = await this.committed();
    this.resumedFrom = c ? Object.fromEntries([...c.next].map(([p, o]) => [String(p), o])) : {};
    await this.start();
    return `Spark driver resubmitted as pid ${this.pid}, resuming from committed batch ${c?.batch ?? 'none'} of ${this.checkpoint}`;
  }

  async ensureRunning(): Promise<string | null> {
    if ((await sparkJobPid(this.ctx, this.topic)) !== null) return null;
    this.exited(this.pid ?? -1, false, 'host power cut');
    return this.resume();
  }

  async waitCaughtUp(admin: KafkaAdminPort, deadlineMs: number): Promise<void> {
    await poll(async () => ({ high: await admin.topicOffsets(this.topic), committed: await this.committed() }), {
      deadlineMs,
      intervalMs: 1000,
      maxIntervalMs: 2000,
      describe: `the Spark job's committed offsets of ${this.topic} to reach the high watermarks`,
      until: (v) => v.high.every((h) => (v.committed?.next.get(h.partition) ?? 0) >= h.high),
      show: (v) => v.high.map((h) => `partition ${h.partition}: committed ${v.committed?.next.get(h.partition) ?? 'none'} of ${h.high}`).join(', '),
    });
  }

  async stop(): Promise<JobOutcome> {
    const c = await this.committed();
    const pid = await stopSparkJob(this.ctx, this.topic);
    if (pid !== null) this.exited(pid, true, 'SIGTERM');
    const final = Object.fromEntries(await readPopularity(this.client, outputTopicOf(this.topic)));
    const partitions = [...(c?.next ?? new Map<number, number>())].map(([partition, next_offset]) => ({ partition, next_offset }));
    // dead letters are written at least once: a message counts once, by where it came from
    const dlq = await readTopic(this.client, deadLetterTopicOf(this.topic), { timeoutMs: 60_000 });
    const malformed = new Set(dlq.records.map((r) => `${r.headers['dlq.partition']}:${r.headers['dlq.offset']}`)).size;
    // a fresh topic starts at offset 0 and is never compacted: the committed ends count its records
    return { consumed: partitions.reduce((n, p) => n + p.next_offset, 0), final, partitions, malformed, dead_lettered: dlq.records.length };
  }

  async ensureDead(): Promise<void> {
    await stopSparkJob(this.ctx, this.topic).catch((err: Error) => this.log(`could not stop the Spark driver of ${this.topic}: ${err.message}`));
  }

  async discard(): Promise<void> {
    await (await this.session()).exec(sh`rm -rf -- ${this.checkpoint} ${driverPaths(this.topic).log}`, { describe: `remove ${this.checkpoint}` });
  }
}

// The popularity job as the acceptance run drives it, whatever runs it: this tool's TypeScript
// job as a supervised child process, or the seed's Spark job on the Spark cluster. One shape, so
// that the run, its chaos modes and its exactness check are written once.
import type { KafkaAdminPort } from '../kafka/index.js';
import { CheckpointStore } from '../popularity/checkpoint.js';
import type { JobReport } from '../popularity/report.js';
import { poll } from '../core/poll.js';
import { waitCaughtUp } from './catch-up.js';
import type { CheckInput } from './check.js';
import type { JobExit } from './job-process.js';
import { JobProcess } from './job-process.js';

export type EngineName = 'ts' | 'spark';

/** What the exactness check needs from the job, whatever the engine; the TypeScript job's full report besides. */
export type JobOutcome = CheckInput['job'] & Partial<Omit<JobReport, 'consumed' | 'final' | 'partitions'>>;

export interface JobEngine {
  readonly name: EngineName;
  /** starts the job; resolves once it consumes */
  start(): Promise<void>;
  /** chaos: SIGKILL of the job's process once it saved progress past offset 0; says what it did */
  crash(): Promise<string>;
  /** after crash(): the job again, from its saved progress; says what it did */
  resume(): Promise<string>;
  /** after a host fault: the job runs again (resubmitted when its process died with the host); null when it ran */
  ensureRunning(): Promise<string | null>;
  /** resolves once the job's saved progress reaches the high watermarks */
  waitCaughtUp(admin: KafkaAdminPort, deadlineMs: number): Promise<void>;
  /** a clean end; what it counted and its final state */
  stop(): Promise<JobOutcome>;
  /** no process of the job is left (cleanup path) */
  ensureDead(): Promise<void>;
  /** after a passing run: what the job kept of it elsewhere than the run's state folder */
  discard(): Promise<void>;
  readonly exits: JobExit[];
  readonly instances: number;
  /** partition -> the offset the last instance resumed from */
  readonly resumedFrom: Record<string, number>;
  /** who to name as the target of a kill */
  readonly pid: number | undefined;
}

/** The TypeScript job: a child process of this run, its checkpoints in the run's state folder. */
export class TsEngine implements JobEngine {
  readonly name = 'ts' as const;
  private readonly store: CheckpointStore;

  constructor(
    private readonly job: JobProcess,
    private readonly topic: string,
    checkpoint: { dir: string; group: string },
    private readonly partitions: number,
    private readonly readyMs: number,
  ) {
    this.store = new CheckpointStore(checkpoint.dir, topic, checkpoint.group);
  }

  get exits() { return this.job.exits; }
  get instances() { return this.job.instances; }
  get resumedFrom() { return this.job.resumedOffsets; }
  get pid() { return this.job.pid; }

  async start(): Promise<void> {
    this.job.start();
    await poll(async () => this.job.assigned, { deadlineMs: this.readyMs, intervalMs: 250, describe: 'the job to be assigned its partitions' });
  }

  async crash(): Promise<string> {
    // mid-stream means past a checkpoint: otherwise the restart would merely start over
    const saved = await poll(() => Promise.all(Array.from({ length: this.partitions }, async (_, p) => (await this.store.load(p))?.nextOffset ?? 0)), {
      deadlineMs: 60_000, intervalMs: 100, maxIntervalMs: 500, describe: 'a first checkpoint past offset 0', until: (o) => o.some((x) => x > 0),
    });
    const exit = await this.job.kill();
    return `SIGKILL to job pid ${exit.pid} (instance ${exit.instance}): ${exit.signal ?? `exit ${exit.code}`}; checkpointed offsets before: ${saved.join(', ')}`;
  }

  async resume(): Promise<string> {
    this.job.start();
    return `job restarted as pid ${this.job.pid} with the same group and checkpoint folder`;
  }

  async ensureRunning(): Promise<string | null> {
    return null; // a child of this run: a host fault does not reach it, and a crash restarts it
  }

  async waitCaughtUp(admin: KafkaAdminPort, deadlineMs: number): Promise<void> {
    await waitCaughtUp(admin, this.store, this.topic, deadlineMs);
  }

  stop(): Promise<JobOutcome> {
    return this.job.stop();
  }

  ensureDead(): Promise<void> {
    return this.job.ensureDead();
  }

  async discard(): Promise<void> {} // its checkpoints live in the run's state folder
}

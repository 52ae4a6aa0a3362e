// The steady-rate phase: the job runs as its own process (as in production, so the producer does
// not share its event loop) at a given interval, while this process produces at a fixed rate for
// a fixed time. What matters is each micro-batch's processing time against the interval: p99
// under the interval means the job keeps up with room to spare. The result is checked against
// the oracle of the acked messages like the throughput run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobProcess } from '../../src/acceptance/job-process.js';
import type { KafkaClientPort, PartitionOffsets } from '../../src/kafka/index.js';
import type { JobReport } from '../../src/popularity/report.js';
import { poll } from '../../src/core/poll.js';
import type { Log } from './main.js';
import { produceParallel, type ParallelProduceSummary } from './produce.js';
import { OracleTally } from './tally.js';
import { jobProblems } from './verdict.js';

export interface SteadyOptions {
  inventory: string;
  topic: string;
  rate: number;
  durationS: number;
  intervalMs: number;
  /** producer loops sharing the rate */
  loops: number;
  seed: number;
  log: Log;
}

export interface SteadyResult {
  produced: ParallelProduceSummary;
  ends: PartitionOffsets[];
  report: JobReport;
}

export async function steadyRun(client: KafkaClientPort, o: SteadyOptions): Promise<SteadyResult> {
  const dir = await mkdtemp(join(tmpdir(), 'kcp-bench-steady-'));
  const group = `bench-steady-${process.pid}-${Date.now()}`;
  const job = new JobProcess({
    args: ['--inventory', o.inventory, '--topic', o.topic, '--group', group, '--checkpoint-dir', join(dir, 'checkpoints'), '--interval-ms', String(o.intervalMs), '--from', 'earliest'],
    dir,
    maxRestarts: 0,
    log: o.log,
  });
  const admin = await client.admin();
  try {
    await admin.createTopic({ topic: o.topic, partitions: 3, replicationFactor: 3 });
    job.start();
    // produce only once the job consumes, or the first batch would hold the join's backlog
    const state = await poll(async () => (job.assigned ? 'assigned' : job.exits.length > 0 ? 'exited' : null), {
      deadlineMs: 120_000,
      describe: 'the job to be assigned its partitions',
    });
    if (state === 'exited') throw new Error(`the job exited before consuming: ${job.exits[0]!.stderr_tail.slice(-3).join(' / ')}`);
    o.log(`producing at ${o.rate} msg/s for ${o.durationS} s`);
    const tally = new OracleTally();
    const produced = await produceParallel(client, {
      topic: o.topic, loops: o.loops, rate: o.rate, batchSize: 2000, seed: o.seed,
      signal: AbortSignal.timeout(o.durationS * 1000), onAcked: (entries) => tally.add(entries), log: o.log,
    });
    if (produced.inDoubt > 0) throw new Error(`${produced.inDoubt} messages in doubt (sends never acknowledged)`);
    o.log(`produced ${produced.acked} at ${produced.messagesPerSecond} msg/s; waiting for the job to commit the end offsets`);
    const ends = await admin.topicOffsets(o.topic);
    // the job commits with each checkpoint (every 5 intervals): its committed offsets reach the end
    await poll(() => admin.groupOffsets(group, o.topic), {
      deadlineMs: 300_000,
      describe: `group ${group} to commit the end offsets`,
      until: (committed) => ends.every((e) => (committed.find((c) => c.partition === e.partition)?.offset ?? -1) >= e.high),
    });
    const report = await job.stop();
    const crashes = job.exits.filter((e) => !e.requested);
    if (crashes.length > 0) throw new Error(`the job exited unexpectedly: ${crashes[0]!.stderr_tail.slice(-3).join(' / ')}`);
    const problems = jobProblems(report, tally.oracle, ends);
    if (problems.length > 0) throw new Error(`steady run: the job's result is wrong: ${problems.join('; ')}`);
    return { produced, ends, report };
  } finally {
    await job.ensureDead();
    await admin.disconnect();
    await rm(dir, { recursive: true, force: true });
  }
}

// The popularity job's throughput beside a plain consumer through the same adapter, on one lab
// cluster: the topic produced once (every acked message tallied by the oracle), then rounds of
// job + plain consumer interleaved, plain first and last; every job result must equal the oracle.
// Shared by bench/popularity.ts (ZooKeeper mode) and bench/kraft.ts (KRaft).
import { join } from 'node:path';
import type { KafkaClientPort } from '../../src/kafka/index.js';
import { log } from './main.js';
import { produceParallel } from './produce.js';
import { timePlainConsumer, type ConsumeTiming } from './plain-consumer.js';
import { median, perSecond, roundRatios } from './stats.js';
import { OracleTally } from './tally.js';
import { timeJob, type JobTiming } from './throughput.js';
import { jobProblems } from './verdict.js';

export interface JobRatioOptions {
  messages: number;
  rounds: number;
  /** producer loops side by side (one batch in flight each): see produce.ts */
  producers: number;
  intervalMs: number;
  goal: number;
  /** the job's own client (a secured cluster: its least-privilege user); `client` otherwise */
  jobClient?: KafkaClientPort;
}

export const rateOf = (t: ConsumeTiming) => perSecond(t.messages, t.ms);
const streamingRateOf = (t: ConsumeTiming) => perSecond(t.messages, Math.max(1, t.streamingMs));

export async function throughputPhase(client: KafkaClientPort, topic: string, work: string, o: JobRatioOptions) {
  const { messages, rounds, producers, intervalMs, goal } = o;
  // generous: a consumer slower than 1,000 msg/s here is broken, not slow
  const readTimeoutMs = Math.max(120_000, messages);
  const admin = await client.admin();
  try {
    // warm-up, not measured: the first group ever makes the brokers create __consumer_offsets
    const warmup = `${topic}-warmup`;
    await admin.createTopic({ topic: warmup, partitions: 3, replicationFactor: 3 });
    await produceParallel(client, { topic: warmup, loops: 1, count: 300, batchSize: 300, seed: 0, onAcked: () => {} });
    await timePlainConsumer(client, warmup, await admin.topicOffsets(warmup), readTimeoutMs);

    await admin.createTopic({ topic, partitions: 3, replicationFactor: 3 });
    log(`producing ${messages} messages to ${topic} (3 partitions, replication factor 3)`);
    const tally = new OracleTally();
    const produced = await produceParallel(client, { topic, loops: producers, count: messages, batchSize: 2000, seed: 1, onAcked: (e) => tally.add(e), log });
    if (produced.inDoubt > 0) throw new Error(`${produced.inDoubt} messages in doubt after producing`);
    const ends = await admin.topicOffsets(topic);
    const inTopic = ends.reduce((n, e) => n + e.high - e.low, 0);
    if (inTopic !== tally.acked) throw new Error(`the topic holds ${inTopic} records, ${tally.acked} were acked`);
    log(`produced ${produced.acked} at ${produced.messagesPerSecond} msg/s; plain consumer, then ${rounds} rounds of job + plain consumer`);

    // Interleaved, plain first and last, so each job run has a plain run on either side of it
    // taken under much the same load; the figure is the median of the per-round ratios.
    const plain = [await timePlainConsumer(client, topic, ends, readTimeoutMs)];
    log(`plain consumer: ${rateOf(plain[0]!)} msg/s`);
    const jobs: JobTiming[] = [];
    for (let round = 1; round <= rounds; round++) {
      const job = await timeJob(o.jobClient ?? client, { topic, ends, checkpointDir: join(work, `checkpoints-${round}`), timeoutMs: readTimeoutMs, intervalMs, log });
      const problems = jobProblems(job.report, tally.oracle, ends);
      if (problems.length > 0) throw new Error(`round ${round}: the job's result is wrong: ${problems.join('; ')}`);
      jobs.push(job);
      log(`round ${round}: job ${rateOf(job)} msg/s, its result equals the oracle`);
      plain.push(await timePlainConsumer(client, topic, ends, readTimeoutMs));
      log(`round ${round}: plain consumer ${rateOf(plain.at(-1)!)} msg/s`);
    }
    const ratios = roundRatios(jobs.map(rateOf), plain.map(rateOf));
    const streamingRounds = roundRatios(jobs.map(streamingRateOf), plain.map(streamingRateOf));
    return {
      producer: { loops: producers, batch: 2000, acked: produced.acked, ms: produced.durationMs, msg_per_s: produced.messagesPerSecond },
      messages: tally.acked,
      jobs: jobs.map((j) => ({ ms: j.ms, streaming_ms: j.streamingMs, until_report_ms: j.untilReportMs, msg_per_s: rateOf(j), batches: j.report.batches, checkpoints: j.report.checkpoints })),
      plain: plain.map((t) => ({ ms: t.ms, streaming_ms: t.streamingMs, msg_per_s: rateOf(t) })),
      job_median_msg_per_s: Math.round(median(jobs.map(rateOf))!),
      plain_median_msg_per_s: Math.round(median(plain.map(rateOf))!),
      round_ratios: ratios,
      ratio: median(ratios),
      // first record to last: group join and the job's start-up (output topics) left out
      ratio_streaming: median(streamingRounds),
      goal,
      matches_oracle: true,
    };
  } finally {
    await admin.disconnect();
  }
}


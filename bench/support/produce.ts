// Several runProducer loops side by side, each with its own producer connection and seed. One
// loop keeps one batch in flight and waits for acks=all, so its rate is batch size / round trip;
// on this lab a round trip is hundreds of ms, so a single loop cannot feed the job fast enough.
// The count and the rate are split between the loops; every acked batch goes to onAcked.
import type { KafkaClientPort } from '../../src/kafka/index.js';
import type { LedgerEntry } from '../../src/popularity/ledger.js';
import { runProducer } from '../../src/popularity/producer.js';

export interface ParallelProduceOptions {
  topic: string;
  loops: number;
  count?: number;
  /** messages per second, all loops together */
  rate?: number;
  batchSize: number;
  seed: number;
  signal?: AbortSignal;
  onAcked: (entries: LedgerEntry[]) => void;
  log?: (line: string) => void;
}

export interface ParallelProduceSummary {
  acked: number;
  inDoubt: number;
  failedAttempts: number;
  durationMs: number;
  messagesPerSecond: number;
}

/** `total` split into `parts` whole shares that differ by at most one. */
export function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

export async function produceParallel(client: KafkaClientPort, o: ParallelProduceOptions): Promise<ParallelProduceSummary> {
  const producers = await Promise.all(Array.from({ length: o.loops }, () => client.producer()));
  const counts = o.count === undefined ? undefined : shares(o.count, o.loops);
  const rates = o.rate === undefined ? undefined : shares(o.rate, o.loops);
  const started = performance.now();
  try {
    const summaries = await Promise.all(producers.map((producer, i) => runProducer(producer, {
      topic: o.topic,
      count: counts?.[i],
      rate: rates?.[i],
      intervalMs: 50,
      batchSize: o.batchSize,
      seed: o.seed + i,
      signal: o.signal,
      onAcked: o.onAcked,
      log: o.log,
    })));
    const durationMs = Math.round(performance.now() - started);
    const acked = summaries.reduce((n, s) => n + s.acked, 0);
    return {
      acked,
      inDoubt: summaries.reduce((n, s) => n + s.inDoubt.length, 0),
      failedAttempts: summaries.reduce((n, s) => n + s.failedAttempts, 0),
      durationMs,
      messagesPerSecond: durationMs > 0 ? Math.round((acked * 1000) / durationMs) : acked,
    };
  } finally {
    await Promise.allSettled(producers.map((p) => p.disconnect()));
  }
}

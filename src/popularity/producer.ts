// The user-behaviour producer: the seed's generator, keyed by page id, sent in batches through the
// idempotent acks=all producer. A message counts as acked only once its send resolved; a batch
// that keeps failing is retried as the same batch (same order, so the idempotent producer can
// de-duplicate) and, when given up, reported as in doubt: it may or may not be in the topic.
import type { KafkaProducerPort, OutgoingMessage } from '../kafka/index.js';
import { createBehaviourGenerator } from './generator.js';
import type { LedgerEntry } from './ledger.js';
import { formatMessage } from './message.js';

export interface ProduceOptions {
  topic: string;
  /** Stop after this many messages (required unless a signal ends the run). */
  count?: number;
  /** Messages per second; unset = as fast as acknowledgements come back. */
  rate?: number;
  /** Pacing tick in rate mode. */
  intervalMs?: number;
  batchSize?: number;
  seed?: number;
  /** Prefix of message ids; defaults to `<seed>-<start time>`. */
  runId?: string;
  /** Message source; defaults to the seed's behaviour generator. */
  next?: (sequence: number) => { key: string | null; value: string | null };
  maxAttempts?: number;
  retryBackoffMs?: number;
  signal?: AbortSignal;
  /** Called with each acknowledged batch, in order (e.g. append to a ledger file). */
  onAcked?: (entries: LedgerEntry[]) => void | Promise<void>;
  log?: (line: string) => void;
}

export interface ProduceSummary {
  topic: string;
  runId: string;
  produced: number;
  acked: number;
  /** Messages whose send never resolved: they may or may not be in the topic. */
  inDoubt: Omit<LedgerEntry, 'partition' | 'offset'>[];
  failedAttempts: number;
  /** why sends failed: each distinct error message (the first few) and how often it came */
  sendErrors: Record<string, number>;
  batches: number;
  durationMs: number;
  messagesPerSecond: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

const DISTINCT_ERRORS = 5;

function countError(errors: Record<string, number>, message: string): void {
  if (message in errors) errors[message]! += 1;
  else if (Object.keys(errors).length < DISTINCT_ERRORS) errors[message] = 1;
}

export async function runProducer(producer: KafkaProducerPort, o: ProduceOptions): Promise<ProduceSummary> {
  if (o.count === undefined && !o.signal) throw new Error('runProducer needs a count or an abort signal');
  const seed = o.seed ?? 1;
  const runId = o.runId ?? `${seed}-${Date.now()}`;
  const batchSize = o.batchSize ?? 500;
  const maxAttempts = o.maxAttempts ?? 5;
  const log = o.log ?? (() => {});
  const generate = createBehaviourGenerator(seed);
  const next = o.next ?? (() => {
    const b = generate();
    return { key: b.page, value: formatMessage(b) };
  });
  const summary: ProduceSummary = {
    topic: o.topic, runId, produced: 0, acked: 0, inDoubt: [], failedAttempts: 0, sendErrors: {}, batches: 0, durationMs: 0, messagesPerSecond: 0,
  };
  const started = Date.now();
  const limit = o.count ?? Number.POSITIVE_INFINITY;

  while (summary.produced < limit && !o.signal?.aborted) {
    let allowed = limit - summary.produced;
    if (o.rate !== undefined) {
      const due = Math.floor((o.rate * (Date.now() - started)) / 1000) - summary.produced;
      if (due <= 0) {
        await sleep(o.intervalMs ?? 1000, o.signal);
        continue;
      }
      allowed = Math.min(allowed, due);
    }
    const size = Math.min(batchSize, allowed);
    const batch: { id: string; message: OutgoingMessage }[] = [];
    for (let i = 0; i < size; i++) {
      const seq = summary.produced + i;
      const { key, value } = next(seq);
      const id = `${runId}:${seq}`;
      batch.push({ id, message: { key, value, headers: { id } } });
    }
    summary.produced += size;
    summary.batches++;

    let entries: LedgerEntry[] | undefined;
    for (let attempt = 1; attempt <= maxAttempts && !entries; attempt++) {
      try {
        const acks = await producer.send(o.topic, batch.map((b) => b.message));
        entries = batch.map((b, i): LedgerEntry => ({
          id: b.id, key: b.message.key, value: b.message.value, partition: acks[i]!.partition, offset: acks[i]!.offset,
        }));
      } catch (err) {
        summary.failedAttempts++;
        countError(summary.sendErrors, (err as Error).message);
        log(`send of ${batch.length} messages failed (attempt ${attempt}/${maxAttempts}): ${(err as Error).message}`);
        if (attempt < maxAttempts && !o.signal?.aborted) await sleep(Math.min(5000, (o.retryBackoffMs ?? 200) * 2 ** (attempt - 1)), o.signal);
        else break;
      }
    }
    if (entries) {
      summary.acked += entries.length;
      await o.onAcked?.(entries); // outside the retry loop: a ledger write error must not re-send
    } else {
      summary.inDoubt.push(...batch.map((b) => ({ id: b.id, key: b.message.key, value: b.message.value })));
    }
  }
  summary.durationMs = Date.now() - started;
  summary.messagesPerSecond = summary.durationMs > 0 ? Math.round((summary.acked * 1000) / summary.durationMs) : summary.acked;
  return summary;
}

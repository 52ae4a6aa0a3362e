// An acks=all producer that keeps sending while a test changes the cluster under it: every send
// is one keyed message, a failed send is recorded (never retried by the test), and waiting for
// progress always has a deadline. "Zero failed sends" is the availability promise of rolling
// restarts, upgrades and config changes. No test framework in here: the bench uses it too.
import { renewingProducer, type KafkaClientPort, type KafkaProducerPort } from '../../src/kafka/index.js';
import { poll } from '../../src/core/poll.js';

export interface AcksProducer {
  readonly acked: number;
  /** the longest time between two acknowledgements so far, ms (an outage as the producer saw it) */
  readonly maxGapMs: number;
  /** error messages of failed sends, in order */
  readonly failures: string[];
  /** resolves once `n` more sends have been acknowledged than now, or fails at the deadline */
  progress(n: number, deadlineMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startAcksProducer(client: KafkaClientPort, topic: string, pauseMs = 20): Promise<AcksProducer> {
  // each send is a new message, also after a failed one: a new producer session then (renewingProducer)
  const producer: KafkaProducerPort = renewingProducer(await client.producer(), () => client.producer());
  const failures: string[] = [];
  let acked = 0;
  let running = true;
  let lastAck = Date.now();
  let maxGapMs = 0;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      try {
        acked += (await producer.send(topic, [{ key: `k${i % 7}`, value: `v${i}` }])).length;
        maxGapMs = Math.max(maxGapMs, Date.now() - lastAck);
        lastAck = Date.now();
      } catch (err) {
        failures.push((err as Error).message);
      }
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  })();
  return {
    get acked() { return acked; },
    get maxGapMs() { return maxGapMs; },
    failures,
    async progress(n, deadlineMs = 60_000) {
      const target = acked + n;
      await poll(async () => acked, { deadlineMs, intervalMs: 50, backoff: 1, describe: `${target} acks=all sends acknowledged on ${topic}`, until: (a) => a >= target });
    },
    async stop() {
      running = false;
      await loop;
      await producer.disconnect();
    },
  };
}

/** Runs `fn` while an acks=all producer sends to `topic`: acks before and after, and no send may fail. */
export async function underLoad<T>(client: KafkaClientPort, topic: string, fn: (producer: AcksProducer) => Promise<T>): Promise<T> {
  const producer = await startAcksProducer(client, topic);
  try {
    await producer.progress(20);
    const result = await fn(producer);
    await producer.progress(20);
    if (producer.failures.length > 0) {
      throw new Error(`${producer.failures.length} acks=all send(s) failed on ${topic} (${producer.acked} acknowledged):\n  ${producer.failures.slice(0, 10).join('\n  ')}`);
    }
    return result;
  } finally {
    await producer.stop();
  }
}

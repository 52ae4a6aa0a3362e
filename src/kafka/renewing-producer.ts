// A producer for callers whose next send after a failure carries OTHER messages than the failed
// one (the popularity job: its next flush holds newer values). The idempotent producer numbers
// each partition's batches; when a send fails, kafkajs rolls the numbers back (sendMessages.js),
// which is right only if the same batch is sent again. A failure can hide a write that landed
// (the leader appended, then died or the response was lost): a different batch sent next under
// the rolled-back numbers is then refused with OUT_OF_ORDER_SEQUENCE_NUMBER on every retry (the
// job stalls for good: CI saw it after a broker SIGKILL), or, when its numbers match the landed
// batch's, acknowledged as a duplicate without being written (lost in silence). The Java client
// bumps the producer epoch in that case (KIP-360); here the next send after a failure goes
// through a new producer session, whose numbers start afresh.
//
// A caller that re-sends the very same batch after a failure wants the opposite (the broker then
// de-duplicates a write that landed) and uses the plain producer.
import type { AckedMessage, KafkaProducerPort, OutgoingMessage, SendOptions } from './types.js';

export function renewingProducer(first: KafkaProducerPort, make: () => Promise<KafkaProducerPort>, log: (line: string) => void = () => {}): KafkaProducerPort {
  /** null after a failure: the next send makes a new session */
  let current: Promise<KafkaProducerPort> | null = Promise.resolve(first);
  let session = 0;

  /** Gives up the session that failed (once, however many of its sends fail). */
  function renew(failed: number, producer: KafkaProducerPort | null, why: string): void {
    if (failed !== session) return;
    session++;
    current = null;
    log(`producer: a send failed (${why}); the next send uses a new producer session`);
    void producer?.disconnect().catch(() => {});
  }

  return {
    async send(topic: string, messages: OutgoingMessage[], options?: SendOptions): Promise<AckedMessage[]> {
      const mine = session;
      let producer: KafkaProducerPort;
      try {
        producer = await (current ??= make());
      } catch (err) {
        renew(mine, null, `no producer: ${(err as Error).message}`);
        throw err;
      }
      try {
        return await producer.send(topic, messages, options);
      } catch (err) {
        renew(mine, producer, (err as Error).message);
        throw err;
      }
    },

    async disconnect(): Promise<void> {
      const producer = await current?.catch(() => null);
      current = null;
      await producer?.disconnect();
    },
  };
}

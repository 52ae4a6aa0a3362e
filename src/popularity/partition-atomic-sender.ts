// A producer port that never writes an acknowledged message twice when a batch is retried.
//
// runProducer re-sends a failed batch as a whole, so it is given this port, not the bare producer. A batch spanning several partitions goes to
// several leaders; when one leader is down, the others may already have acknowledged their part
// (and the client advanced their idempotence sequence numbers), so a whole-batch re-send would
// write those messages a second time under new sequence numbers: duplicates. This wrapper sends
// each partition's part on its own (one record batch on one leader: all or nothing), remembers
// every acknowledged message by its `id` header, and on a retry answers those from memory and
// sends only the rest — which the idempotent producer then de-duplicates if a lost response hid
// a successful write.
import { partitionForKey, type AckedMessage, type KafkaProducerPort, type OutgoingMessage, type SendOptions } from '../kafka/index.js';

export class PartitionAtomicSender implements KafkaProducerPort {
  private readonly acked = new Map<string, AckedMessage>();

  constructor(
    private readonly inner: KafkaProducerPort,
    private readonly partitionCount: number,
  ) {
    if (!Number.isInteger(partitionCount) || partitionCount < 1) throw new Error(`partition count must be >= 1, got ${partitionCount}`);
  }

  /** The acknowledgement of a message by id, if the brokers gave one (also for batches given up). */
  ackOf(id: string): AckedMessage | undefined {
    return this.acked.get(id);
  }

  async send(topic: string, messages: OutgoingMessage[], options?: SendOptions): Promise<AckedMessage[]> {
    const ids = messages.map((m, i) => {
      const id = m.headers?.id;
      if (id === undefined) throw new Error(`message ${i} has no id header`);
      if (m.key === null) throw new Error(`message ${id} has no key: its partition would not be known before sending`);
      return id;
    });
    const parts = new Map<number, number[]>();
    ids.forEach((id, i) => {
      if (this.acked.has(id)) return;
      const p = partitionForKey(topic, messages[i]!.key!, this.partitionCount);
      parts.set(p, [...(parts.get(p) ?? []), i]);
    });
    const outcomes = await Promise.allSettled(
      [...parts].map(async ([partition, indexes]) => {
        const acks = await this.inner.send(topic, indexes.map((i) => messages[i]!), options);
        acks.forEach((ack, k) => {
          if (ack.partition !== partition) throw new Error(`message ${ids[indexes[k]!]} was acked on partition ${ack.partition}, expected ${partition}`);
          this.acked.set(ids[indexes[k]!]!, ack);
        });
      }),
    );
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed.length > 0) {
      const reasons = failed.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason)));
      throw new Error(`${failed.length} of ${parts.size} partition batch(es) failed: ${reasons.join('; ')}`);
    }
    return ids.map((id) => this.acked.get(id)!);
  }

  disconnect(): Promise<void> {
    return this.inner.disconnect();
  }
}

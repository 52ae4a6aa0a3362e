// Group consumer with manual offsets: no auto-commit, no auto-resolve. The caller resolves what
// it processed, seeks where it wants, and commits exact offsets. kafkajs uses the eager
// rebalance protocol: a rebalance revokes everything, the next join hands out the new set.
import type { Consumer, IHeaders, KafkaMessage } from 'kafkajs';
import type { Assignment, ConsumedRecord, GroupConsumerPort, GroupConsumerRun, TopicPartition } from './types.js';

function headerText(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first.toString();
  }
  return out;
}

export function toRecord(topic: string, partition: number, m: KafkaMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: Number(m.offset),
    key: m.key ? m.key.toString() : null,
    value: m.value ? m.value.toString() : null,
    headers: headerText(m.headers),
    timestamp: Number(m.timestamp),
  };
}

function flatten(assignment: Record<string, number[]>): TopicPartition[] {
  return Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })));
}

const keyOf = (tp: TopicPartition) => `${tp.topic}\u0000${tp.partition}`;

/** What a member gained and lost between two assignments (pure). */
export function diffAssignment(previous: TopicPartition[], next: TopicPartition[]): Assignment {
  const before = new Set(previous.map(keyOf));
  const after = new Set(next.map(keyOf));
  return {
    assigned: next.filter((tp) => !before.has(keyOf(tp))),
    revoked: previous.filter((tp) => !after.has(keyOf(tp))),
    current: [...next],
  };
}

function byTopic(partitions: TopicPartition[]): { topic: string; partitions: number[] }[] {
  const grouped = new Map<string, number[]>();
  for (const tp of partitions) grouped.set(tp.topic, [...(grouped.get(tp.topic) ?? []), tp.partition]);
  return [...grouped].map(([topic, ps]) => ({ topic, partitions: ps }));
}

export function adaptConsumer(consumer: Consumer): GroupConsumerPort {
  let current: TopicPartition[] = [];
  let callbacks: GroupConsumerRun | undefined;
  const removers: (() => void)[] = [];

  return {
    async run(options) {
      callbacks = options;
      removers.push(
        consumer.on(consumer.events.GROUP_JOIN, (e) => {
          const next = flatten(e.payload.memberAssignment);
          const change = diffAssignment(current, next);
          current = next;
          void options.onAssignment?.(change);
        }),
        consumer.on(consumer.events.REBALANCING, () => options.onRebalanceStart?.([...current])),
        consumer.on(consumer.events.CRASH, (e) => {
          if (!e.payload.restart) options.onCrash?.(e.payload.error);
        }),
      );
      await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          await options.eachBatch({
            topic: batch.topic,
            partition: batch.partition,
            records: batch.messages.map((m) => toRecord(batch.topic, batch.partition, m)),
            highWatermark: Number(batch.highWatermark),
            resolve: (offset) => resolveOffset(String(offset)),
            heartbeat,
            isStale,
            isRunning,
          });
        },
      });
    },

    seek({ topic, partition, offset }) {
      consumer.seek({ topic, partition, offset: String(offset) });
    },

    pause(partitions) {
      consumer.pause(byTopic(partitions));
    },

    resume(partitions) {
      consumer.resume(byTopic(partitions));
    },

    async commit(offsets) {
      if (offsets.length === 0) return;
      await consumer.commitOffsets(offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset) })));
    },

    assignment() {
      return [...current];
    },

    async stop() {
      await consumer.stop();
      const revoked = current;
      current = [];
      if (revoked.length > 0) await callbacks?.onAssignment?.({ assigned: [], revoked, current: [] });
      for (const remove of removers.splice(0)) remove();
      await consumer.disconnect();
    },
  };
}

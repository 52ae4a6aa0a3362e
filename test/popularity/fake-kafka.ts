// An in-memory stand-in for KafkaClientPort, driven step by step by the job tests: the test
// decides assignments and what each fetch returns (including from "wrong" offsets).
import type { ConsumedRecord, GroupConsumerRun, KafkaClientPort, OutgoingMessage, TopicPartition } from '../../src/kafka/index.js';
import { diffAssignment } from '../../src/kafka/consumer.js';

export class FakeKafka {
  readonly logs = new Map<string, OutgoingMessage[][]>();
  readonly seeks: { partition: number; offset: number }[] = [];
  readonly commits: { partition: number; offset: number }[] = [];
  /** Topics whose sends fail, as when their leaders are unreachable. */
  readonly unavailable = new Set<string>();
  /** Topics whose next send is written but not acknowledged, as when the leader dies right after appending. */
  readonly loseAck = new Set<string>();
  /** Per producer session and topic: the next sequence number the broker expects, and the batches it holds. */
  private readonly sequences = new Map<string, { next: number; batches: { first: number; count: number }[] }>();
  private sessions = 0;
  private run?: GroupConsumerRun;
  private current: TopicPartition[] = [];
  private started!: () => void;
  readonly running = new Promise<void>((r) => (this.started = r));

  constructor(readonly topic: string, partitions: number) {
    this.logs.set(topic, Array.from({ length: partitions }, () => []));
  }

  append(partition: number, values: string[]): void {
    this.logs.get(this.topic)![partition]!.push(...values.map((value) => ({ key: value.split('|')[0] ?? null, value })));
  }

  assign(partitions: number[]): void {
    const next = partitions.map((partition) => ({ topic: this.topic, partition }));
    const change = diffAssignment(this.current, next);
    this.current = next;
    void this.run!.onAssignment?.(change);
  }

  /** One fetch of `partition` starting at `from` (whatever the job's position is). */
  async deliver(partition: number, from: number): Promise<number | undefined> {
    const log = this.logs.get(this.topic)![partition]!;
    const records: ConsumedRecord[] = log.slice(from).map((m, i) => ({
      topic: this.topic, partition, offset: from + i, key: m.key, value: m.value, headers: {}, timestamp: 0,
    }));
    let resolved: number | undefined;
    await this.run!.eachBatch({
      topic: this.topic, partition, records, highWatermark: log.length,
      resolve: (o) => (resolved = o), heartbeat: async () => {}, isStale: () => false, isRunning: () => true,
    });
    return resolved;
  }

  readonly client: KafkaClientPort = {
    admin: async () => ({
      createTopic: async (t) => {
        if (this.logs.has(t.topic)) return false;
        this.logs.set(t.topic, Array.from({ length: t.partitions }, () => []));
        return true;
      },
      deleteTopics: async () => {},
      listTopics: async () => [...this.logs.keys()],
      describeTopics: async () => [],
      describeCluster: async () => ({ clusterId: 'fake', controller: 0, brokers: [{ nodeId: 0, host: '127.0.0.1', port: 9 }] }),
      topicOffsets: async (topic) => this.logs.get(topic)!.map((log, partition) => ({ partition, low: 0, high: log.length })),
      groupOffsets: async () => [],
      disconnect: async () => {},
    }),
    // An idempotent producer as kafkajs runs one: each session numbers its batches per topic and,
    // when a send fails, rolls its numbers back; the broker refuses a batch that does not continue
    // its sequence, and acknowledges without writing one that repeats a batch it holds.
    producer: async () => {
      const session = ++this.sessions;
      const numbers = new Map<string, number>();
      return {
        send: async (topic, messages) => {
          if (this.unavailable.has(topic)) throw new Error(`${topic}: no leader`);
          const log = this.logs.get(topic)![0]!;
          const first = numbers.get(topic) ?? 0;
          const broker = this.sequences.get(`${session}/${topic}`) ?? { next: 0, batches: [] };
          this.sequences.set(`${session}/${topic}`, broker);
          if (first !== broker.next) {
            if (broker.batches.some((b) => b.first === first && b.count === messages.length)) return messages.map((_, i) => ({ topic, partition: 0, offset: i }));
            throw new Error('The broker received an out of order sequence number');
          }
          log.push(...messages);
          broker.next += messages.length;
          broker.batches.push({ first, count: messages.length });
          if (this.loseAck.delete(topic)) throw new Error(`${topic}: connection closed before the acknowledgement`);
          numbers.set(topic, first + messages.length);
          return messages.map((_, i) => ({ topic, partition: 0, offset: log.length - messages.length + i }));
        },
        disconnect: async () => {},
      };
    },
    consumer: async () => ({
      run: async (options) => {
        this.run = options;
        this.started();
      },
      seek: ({ partition, offset }) => void this.seeks.push({ partition, offset }),
      pause: () => {},
      resume: () => {},
      commit: async (offsets) => void this.commits.push(...offsets.map(({ partition, offset }) => ({ partition, offset }))),
      assignment: () => [...this.current],
      stop: async () => {},
    }),
  };
}

// Admin operations over kafkajs, returned as the library-neutral shapes of ./types.ts.
import kafkajs, { type Admin } from 'kafkajs';

// Not among kafkajs' ESM named exports (only on the CommonJS default object).
const { ConfigResourceTypes, ConfigSource } = kafkajs;
import { poll } from '../core/poll.js';
import { retry } from '../core/retry.js';
import type { KafkaAdminPort, NewTopic, TopicDescription, TopicPartitionOffset } from './types.js';

/**
 * Until every partition of a new topic has a leader. kafkajs' own waitForLeaders retries only
 * LEADER_NOT_AVAILABLE, and a KRaft broker may answer UNKNOWN_TOPIC_OR_PARTITION while the new
 * topic reaches its metadata (3 creates in 10 failed so on Kafka 4.4), so it waits here instead.
 * It asks for every topic's metadata: asking for this topic alone would replace the admin's
 * shared metadata cache with it, and a call for another topic running beside it (the job's
 * topicOffsets) would then find no partitions.
 */
async function waitForLeaders(admin: Admin, topic: string, partitions: number, deadlineMs = 30_000): Promise<void> {
  await poll(async () => (await admin.fetchTopicMetadata({ topics: [] })).topics.find((t) => t.name === topic)?.partitions ?? [], {
    deadlineMs,
    intervalMs: 100,
    describe: `a leader for each of the ${partitions} partitions of ${topic}`,
    until: (ps) => ps.length === partitions && ps.every((p) => p.leader >= 0),
    show: (ps) => ps.map((p) => `${p.partitionId}:${p.leader}`).join(' '),
  });
}

/**
 * A broker's metadata trails the controller's: a topic that one broker listed a moment ago (just
 * created) may still be unknown to the broker kafkajs asks next. kafkajs retries this error only
 * inside a producer or consumer, so describing and deleting wait it out here (about 10 s), then
 * report it (CI under load: perf's topic, made 30 s before, refused deletion as unknown).
 */
export function behindOnMetadata(err: unknown): boolean {
  return (err as { type?: string } | null)?.type === 'UNKNOWN_TOPIC_OR_PARTITION';
}

/** kafkajs throws some protocol errors as they came, some wrapped once (deleteTopics' retrier). */
const unknownTopic = (err: unknown): boolean => behindOnMetadata(err) || behindOnMetadata((err as { originalError?: unknown } | null)?.originalError);

const whileBehindOnMetadata = <T>(fn: () => Promise<T>) =>
  retry(fn, { attempts: 10, backoff: { max: '2s', base: '100ms' }, retryIf: unknownTopic });

const LEADER_MOVED = new Set(['NOT_LEADER_FOR_PARTITION', 'LEADER_NOT_AVAILABLE', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH']);

/**
 * The leader this admin's cached metadata names is no longer the leader, or cannot be reached:
 * a broker stopped or restarted, or the controller moved leaders back to the preferred replicas
 * (5 s after a ZooKeeper-mode controller starts). kafkajs' fetchTopicOffsets gives up on these
 * (CI saw NOT_LEADER_FOR_PARTITION right after a cluster start), and its cache lives 5 minutes.
 */
export function leaderMoved(err: unknown): boolean {
  const e = err as { type?: string; name?: string } | null;
  return LEADER_MOVED.has(e?.type ?? '') || behindOnMetadata(err) || e?.name === 'KafkaJSConnectionError';
}

/**
 * Re-reads the cluster metadata into the admin's cache. kafkajs has no public call for it;
 * listGroups refreshes the cache before anything else (admin/index.js), and its own result or
 * failure does not matter here: the caller's next try reports what is still wrong.
 */
async function refreshMetadata(admin: Admin): Promise<void> {
  await admin.listGroups().catch(() => undefined);
}

/** Up to about 30 s: a killed leader is replaced once its session times out (ZooKeeper 18 s). */
const whileLeaderMoved = <T>(admin: Admin, fn: () => Promise<T>) =>
  retry(
    async (attempt) => {
      if (attempt > 1) await refreshMetadata(admin);
      return fn();
    },
    { attempts: 20, backoff: { max: '2s', base: '100ms' }, retryIf: leaderMoved },
  );

export function adaptAdmin(admin: Admin): KafkaAdminPort {
  return {
    async createTopic(t: NewTopic) {
      // Checked first: kafkajs logs an ERROR for "already exists", which is the normal case here.
      if ((await admin.listTopics()).includes(t.topic)) return false;
      const created = await admin.createTopics({
        waitForLeaders: false,
        topics: [
          {
            topic: t.topic,
            numPartitions: t.partitions,
            replicationFactor: t.replicationFactor,
            configEntries: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
          },
        ],
      });
      if (created) await waitForLeaders(admin, t.topic, t.partitions);
      return created;
    },

    async deleteTopics(topics) {
      if (topics.length === 0) return;
      try {
        await whileBehindOnMetadata(() => admin.deleteTopics({ topics }));
      } catch (err) {
        // still unknown after the retries: gone if the cluster no longer lists it (an attempt
        // that timed out may have deleted it), an error otherwise
        if (!unknownTopic(err)) throw err;
        const listed = new Set(await admin.listTopics());
        if (topics.some((t) => listed.has(t))) throw err;
      }
    },

    async listTopics() {
      return (await admin.listTopics()).sort();
    },

    async describeTopics(topics) {
      const meta = await whileBehindOnMetadata(() => admin.fetchTopicMetadata({ topics }));
      const configs = await whileBehindOnMetadata(() =>
        admin.describeConfigs({ includeSynonyms: false, resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) }),
      );
      return meta.topics.map((t): TopicDescription => {
        const resource = configs.resources.find((r) => r.resourceName === t.name);
        const overrides: Record<string, string> = {};
        for (const e of resource?.configEntries ?? []) {
          if (e.configSource === ConfigSource.TOPIC_CONFIG && !e.isDefault) overrides[e.configName] = e.configValue;
        }
        return {
          topic: t.name,
          configs: overrides,
          partitions: t.partitions.map((p) => ({
            partition: p.partitionId,
            leader: p.leader,
            replicas: [...p.replicas],
            isr: [...p.isr],
            offline: [...(p.offlineReplicas ?? [])],
          })),
        };
      });
    },

    async describeCluster() {
      const c = await admin.describeCluster();
      return { clusterId: c.clusterId, controller: c.controller, brokers: c.brokers.map((b) => ({ ...b })) };
    },

    async topicOffsets(topic) {
      const offsets = await whileLeaderMoved(admin, () => admin.fetchTopicOffsets(topic));
      return offsets
        .map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }))
        .sort((a, b) => a.partition - b.partition);
    },

    async groupOffsets(group, topic) {
      const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      return (entry?.partitions ?? [])
        .map((p): TopicPartitionOffset => ({ topic, partition: p.partition, offset: Number(p.offset) }))
        .sort((a, b) => a.partition - b.partition);
    },

    async disconnect() {
      await admin.disconnect();
    },
  };
}

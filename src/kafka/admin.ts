// Admin operations over kafkajs, returned as the library-neutral shapes of ./types.ts.
import kafkajs, { type Admin } from 'kafkajs';

// Not among kafkajs' ESM named exports (only on the CommonJS default object).
const { ConfigResourceTypes, ConfigSource } = kafkajs;
import type { KafkaAdminPort, NewTopic, TopicDescription, TopicPartitionOffset } from './types.js';

export function adaptAdmin(admin: Admin): KafkaAdminPort {
  return {
    async createTopic(t: NewTopic) {
      // Checked first: kafkajs logs an ERROR for "already exists", which is the normal case here.
      if ((await admin.listTopics()).includes(t.topic)) return false;
      return admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: t.topic,
            numPartitions: t.partitions,
            replicationFactor: t.replicationFactor,
            configEntries: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
          },
        ],
      });
    },

    async deleteTopics(topics) {
      if (topics.length > 0) await admin.deleteTopics({ topics });
    },

    async listTopics() {
      return (await admin.listTopics()).sort();
    },

    async describeTopics(topics) {
      const meta = await admin.fetchTopicMetadata({ topics });
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
      });
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
      const offsets = await admin.fetchTopicOffsets(topic);
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

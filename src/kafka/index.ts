// Public surface of the Kafka adapter.
export * from './types.js';
export { createKafkaClient, parseBootstrap, type KafkaClientOptions } from './client.js';
export { formatTopicDescription, formatClusterDescription, underReplicated } from './describe-format.js';
export { partitionForKey } from './partitioning.js';
export { readTopic, type ReadTopicResult } from './read-topic.js';

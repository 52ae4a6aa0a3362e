// Public surface of the Kafka adapter.
export * from './types.js';
export { createKafkaClient, parseBootstrap, type KafkaClientOptions } from './client.js';
export { askFirst, kafkaUuid, kraftNode, METADATA_TOPIC, type KraftNodeOptions } from './kraft.js';
export { formatTopicDescription, formatClusterDescription, underReplicated } from './describe-format.js';
export { partitionForKey } from './partitioning.js';
export { renewingProducer } from './renewing-producer.js';
export { readTopic, type ReadTopicResult } from './read-topic.js';

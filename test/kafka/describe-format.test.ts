import { describe, expect, it } from 'vitest';
import { formatClusterDescription, formatTopicDescription, underReplicated } from '../../src/kafka/describe-format.js';

const topic = {
  topic: 'user-behavior-topic',
  configs: { 'min.insync.replicas': '2', 'cleanup.policy': 'compact' },
  partitions: [
    { partition: 1, leader: 2, replicas: [2, 3, 1], isr: [2, 3], offline: [] },
    { partition: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3], offline: [] },
    { partition: 2, leader: -1, replicas: [3, 1, 2], isr: [], offline: [3] },
  ],
};

describe('formatTopicDescription', () => {
  it('looks like kafka-topics --describe', () => {
    expect(formatTopicDescription(topic)).toBe(
      [
        'Topic: user-behavior-topic\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: cleanup.policy=compact,min.insync.replicas=2',
        '\tTopic: user-behavior-topic\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\tElr: N/A\tLastKnownElr: N/A',
        '\tTopic: user-behavior-topic\tPartition: 1\tLeader: 2\tReplicas: 2,3,1\tIsr: 2,3\tElr: N/A\tLastKnownElr: N/A',
        '\tTopic: user-behavior-topic\tPartition: 2\tLeader: none\tReplicas: 3,1,2\tIsr: \tElr: N/A\tLastKnownElr: N/A\tOffline: 3',
      ].join('\n'),
    );
  });

  it('finds under-replicated partitions', () => {
    expect(underReplicated(topic)).toEqual([1, 2]);
  });
});

describe('formatClusterDescription', () => {
  it('lists brokers by id and marks the controller', () => {
    expect(
      formatClusterDescription({
        clusterId: 'abc',
        controller: 2,
        brokers: [
          { nodeId: 2, host: 'node02', port: 9092 },
          { nodeId: 1, host: 'node01', port: 9092 },
        ],
      }),
    ).toBe('Cluster: abc\tController: 2\tBrokers: 2\n\tBroker: 1\tnode01:9092\n\tBroker: 2\tnode02:9092\t(controller)');
    expect(formatClusterDescription({ clusterId: 'x', controller: null, brokers: [] })).toBe('Cluster: x\tController: none\tBrokers: 0');
  });
});

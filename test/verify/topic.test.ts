import { describe, expect, it } from 'vitest';
import { formatTopicDescription } from '../../src/kafka/describe-format.js';
import type { TopicDescription } from '../../src/kafka/types.js';
import { descriptionProblems, verifyTopicName } from '../../src/verify/topic.js';

const healthy: TopicDescription = {
  topic: 'kcp-verify-1-abcdef',
  configs: {},
  partitions: [
    { partition: 1, leader: 2, replicas: [2, 0, 1], isr: [2, 0, 1], offline: [] },
    { partition: 0, leader: 1, replicas: [1, 2, 0], isr: [1, 2, 0], offline: [] },
    { partition: 2, leader: 0, replicas: [0, 1, 2], isr: [0, 1, 2], offline: [] },
  ],
};

describe('the test topic', () => {
  it('is named kcp-verify-<timestamp>-<random>', () => {
    expect(verifyTopicName(1764000000000)).toMatch(/^kcp-verify-1764000000000-[0-9a-f]{6}$/);
    expect(verifyTopicName()).not.toBe(verifyTopicName());
  });

  it('is described as kafka-topics --describe prints it', () => {
    expect(formatTopicDescription(healthy)).toBe([
      'Topic: kcp-verify-1-abcdef\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: ',
      '\tTopic: kcp-verify-1-abcdef\tPartition: 0\tLeader: 1\tReplicas: 1,2,0\tIsr: 1,2,0\tElr: N/A\tLastKnownElr: N/A',
      '\tTopic: kcp-verify-1-abcdef\tPartition: 1\tLeader: 2\tReplicas: 2,0,1\tIsr: 2,0,1\tElr: N/A\tLastKnownElr: N/A',
      '\tTopic: kcp-verify-1-abcdef\tPartition: 2\tLeader: 0\tReplicas: 0,1,2\tIsr: 0,1,2\tElr: N/A\tLastKnownElr: N/A',
    ].join('\n'));
  });
});

describe('descriptionProblems', () => {
  it('none for a fresh, fully replicated topic', () => {
    expect(descriptionProblems(healthy, 3, 3)).toEqual([]);
  });

  it('names every partition that lacks a leader, replicas or in-sync replicas', () => {
    const broken: TopicDescription = {
      ...healthy,
      partitions: [
        { partition: 0, leader: -1, replicas: [1, 2, 0], isr: [], offline: [1, 2, 0] },
        { partition: 1, leader: 2, replicas: [2, 0], isr: [2], offline: [] },
      ],
    };
    expect(descriptionProblems(broken, 3, 3)).toEqual([
      '2 partitions, expected 3',
      'partition 0: no leader',
      'partition 0: replicas 1,2,0 not in ISR',
      'partition 0: offline replicas 1,2,0',
      'partition 1: 2 replicas, expected 3',
      'partition 1: replicas 0 not in ISR',
    ]);
  });

  it('a leader outside the ISR is a problem', () => {
    const d = { ...healthy, partitions: [{ partition: 0, leader: 1, replicas: [1, 2, 0], isr: [2, 0], offline: [] }] };
    expect(descriptionProblems(d, 1, 3)).toEqual(['partition 0: leader 1 not in ISR', 'partition 0: replicas 1 not in ISR']);
  });
});

import kafkajs, { type Admin } from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adaptAdmin, behindOnMetadata } from '../../src/kafka/admin.js';

const { KafkaJSProtocolError, ConfigSource } = kafkajs;
/** The error kafkajs throws for a protocol error code in a response. */
const protocolError = (type: string, code: number, message: string) =>
  new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable: true }));
const unknownTopic = () => protocolError('UNKNOWN_TOPIC_OR_PARTITION', 3, 'This server does not host this topic-partition');

const metadata = {
  topics: [{ name: 't', partitions: [{ partitionId: 0, leader: 1, replicas: [1, 2], isr: [2, 1], offlineReplicas: [] }] }],
};
const configs = {
  resources: [
    {
      resourceName: 't',
      configEntries: [
        { configName: 'min.insync.replicas', configValue: '1', configSource: ConfigSource.TOPIC_CONFIG, isDefault: false },
        { configName: 'retention.ms', configValue: '604800000', configSource: ConfigSource.DEFAULT_CONFIG, isDefault: true },
      ],
    },
  ],
};

/** A kafkajs Admin whose metadata call answers the given errors first, then `metadata`. */
function fakeAdmin(failures: Error[]) {
  const fetchTopicMetadata = vi.fn(async () => {
    const next = failures.shift();
    if (next) throw next;
    return metadata;
  });
  return { admin: { fetchTopicMetadata, describeConfigs: vi.fn(async () => configs) } as unknown as Admin, fetchTopicMetadata };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('describeTopics', () => {
  it('waits out a broker whose metadata does not know a new topic yet', async () => {
    vi.useFakeTimers();
    const { admin, fetchTopicMetadata } = fakeAdmin([unknownTopic(), unknownTopic()]);
    const described = adaptAdmin(admin).describeTopics(['t']);
    await vi.runAllTimersAsync();
    expect(await described).toEqual([
      { topic: 't', configs: { 'min.insync.replicas': '1' }, partitions: [{ partition: 0, leader: 1, replicas: [1, 2], isr: [2, 1], offline: [] }] },
    ]);
    expect(fetchTopicMetadata).toHaveBeenCalledTimes(3);
  });

  it('reports the error once its retries are spent', async () => {
    vi.useFakeTimers();
    const { admin, fetchTopicMetadata } = fakeAdmin(Array.from({ length: 20 }, unknownTopic));
    const described = adaptAdmin(admin).describeTopics(['t']);
    const outcome = expect(described).rejects.toThrow(/does not host this topic-partition/);
    await vi.runAllTimersAsync();
    await outcome;
    expect(fetchTopicMetadata).toHaveBeenCalledTimes(10);
  });

  it('does not retry other errors', async () => {
    const { admin, fetchTopicMetadata } = fakeAdmin([new Error('connection refused')]);
    await expect(adaptAdmin(admin).describeTopics(['t'])).rejects.toThrow('connection refused');
    expect(fetchTopicMetadata).toHaveBeenCalledTimes(1);
  });
});

describe('behindOnMetadata', () => {
  it('is the unknown-topic error only', () => {
    expect(behindOnMetadata(unknownTopic())).toBe(true);
    expect(behindOnMetadata(protocolError('NOT_LEADER_OR_FOLLOWER', 6, 'not the leader'))).toBe(false);
    expect(behindOnMetadata(null)).toBe(false);
  });
});

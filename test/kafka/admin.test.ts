import kafkajs, { type Admin } from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adaptAdmin, behindOnMetadata, leaderMoved } from '../../src/kafka/admin.js';

// retry() loads zx on its first retry; loaded here, that import settles without the (fake) clock
await import('zx');

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

describe('topicOffsets', () => {
  const notLeader = () => protocolError('NOT_LEADER_FOR_PARTITION', 6, 'This server is not the leader for that topic-partition');
  const offsets = [
    { partition: 1, offset: '7', high: '7', low: '2' },
    { partition: 0, offset: '5', high: '5', low: '0' },
  ];

  /** A kafkajs Admin whose offsets call answers the given errors first; listGroups is its metadata refresh. */
  function offsetsAdmin(failures: Error[]) {
    const calls: string[] = [];
    const fetchTopicOffsets = vi.fn(async () => {
      calls.push('offsets');
      const next = failures.shift();
      if (next) throw next;
      return offsets;
    });
    const listGroups = vi.fn(async () => {
      calls.push('refresh');
      return { groups: [] };
    });
    return { admin: { fetchTopicOffsets, listGroups } as unknown as Admin, calls };
  }

  it('re-reads the metadata and asks again when the leader moved', async () => {
    vi.useFakeTimers();
    const { admin, calls } = offsetsAdmin([notLeader(), protocolError('LEADER_NOT_AVAILABLE', 5, 'no leader')]);
    const read = adaptAdmin(admin).topicOffsets('t');
    await vi.runAllTimersAsync();
    expect(await read).toEqual([
      { partition: 0, low: 0, high: 5 },
      { partition: 1, low: 2, high: 7 },
    ]);
    expect(calls).toEqual(['offsets', 'refresh', 'offsets', 'refresh', 'offsets']);
  });

  it('reports the error once its retries are spent, and other errors at once', async () => {
    vi.useFakeTimers();
    const spent = offsetsAdmin(Array.from({ length: 30 }, notLeader));
    const read = adaptAdmin(spent.admin).topicOffsets('t');
    const outcome = expect(read).rejects.toThrow(/not the leader/);
    await vi.runAllTimersAsync();
    await outcome;
    expect(spent.calls.filter((c) => c === 'offsets')).toHaveLength(20);

    const other = offsetsAdmin([protocolError('TOPIC_AUTHORIZATION_FAILED', 29, 'not authorized')]);
    await expect(adaptAdmin(other.admin).topicOffsets('t')).rejects.toThrow('not authorized');
    expect(other.calls).toEqual(['offsets']);
  });
});

describe('leaderMoved', () => {
  it('is a moved or unreachable leader, or a topic the cache does not know yet', () => {
    expect(leaderMoved(protocolError('NOT_LEADER_FOR_PARTITION', 6, 'not the leader'))).toBe(true);
    expect(leaderMoved(protocolError('FENCED_LEADER_EPOCH', 74, 'fenced'))).toBe(true);
    expect(leaderMoved(unknownTopic())).toBe(true);
    expect(leaderMoved(new kafkajs.KafkaJSConnectionError('Connection error: connect ECONNREFUSED'))).toBe(true);
    expect(leaderMoved(protocolError('TOPIC_AUTHORIZATION_FAILED', 29, 'not authorized'))).toBe(false);
    expect(leaderMoved(new Error('boom'))).toBe(false);
  });
});

describe('deleteTopics', () => {
  const deleting = (failures: Error[], listed: string[]) => {
    const deleteTopics = vi.fn(async () => {
      const next = failures.shift();
      if (next) throw next;
    });
    const listTopics = vi.fn(async () => listed);
    return { admin: adaptAdmin({ deleteTopics, listTopics } as unknown as Admin), deleteTopics };
  };

  it('waits out a broker whose metadata does not know the topic yet', async () => {
    vi.useFakeTimers();
    const { admin, deleteTopics } = deleting([unknownTopic(), unknownTopic()], ['t']);
    const done = admin.deleteTopics(['t']);
    await vi.runAllTimersAsync();
    await done;
    expect(deleteTopics).toHaveBeenCalledTimes(3);
  });

  it('still unknown after its retries: done if the cluster no longer lists it, the error if it does', async () => {
    vi.useFakeTimers();
    const gone = deleting(Array.from({ length: 20 }, unknownTopic), []);
    const first = gone.admin.deleteTopics(['t']);
    await vi.runAllTimersAsync();
    await expect(first).resolves.toBeUndefined();
    const there = deleting(Array.from({ length: 20 }, unknownTopic), ['t']);
    const second = there.admin.deleteTopics(['t']);
    const outcome = expect(second).rejects.toThrow(/does not host this topic-partition/);
    await vi.runAllTimersAsync();
    await outcome;
  });

  it('does not retry other errors', async () => {
    const { admin, deleteTopics } = deleting([new Error('not authorized')], ['t']);
    await expect(admin.deleteTopics(['t'])).rejects.toThrow('not authorized');
    expect(deleteTopics).toHaveBeenCalledTimes(1);
  });
});

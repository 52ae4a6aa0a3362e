import { describe, expect, it } from 'vitest';
import { createInputTopic, deleteRunTopics, runNames, runTopics, topicName } from '../../src/acceptance/topic.js';
import type { KafkaAdminPort, NewTopic } from '../../src/kafka/index.js';

/** `lingering`: how many topic lists after a deletion still show the deleted topics (a broker behind the controller). */
function fakeAdmin(brokers: number, existing: string[], lingering = 0) {
  const created: NewTopic[] = [];
  const deleted: string[][] = [];
  let topics = [...existing];
  let stale = 0;
  const admin = {
    describeCluster: async () => ({ clusterId: 'c', controller: 0, brokers: Array.from({ length: brokers }, (_, i) => ({ nodeId: i, host: 'h', port: 9092 })) }),
    createTopic: async (t: NewTopic) => (created.push(t), !existing.includes(t.topic)),
    listTopics: async () => (stale-- > 0 ? existing : topics),
    deleteTopics: async (t: string[]) => {
      deleted.push(t);
      topics = topics.filter((x) => !t.includes(x));
      stale = lingering;
    },
  } as unknown as KafkaAdminPort;
  return { admin, created, deleted };
}

describe('run topic and names', () => {
  it('names a fresh topic per run from the time and a random suffix', () => {
    expect(topicName(new Date('2025-11-25T09:15:03.123Z'), '3fa2c1')).toBe('popularity-20251125T091503-3fa2c1');
    expect(topicName()).toMatch(/^popularity-\d{8}T\d{6}-[0-9a-f]{6}$/);
    expect(topicName()).not.toBe(topicName());
  });

  it('keeps group, checkpoints and logs per run beside the inventory', () => {
    expect(runNames('/srv/kcp', 'popularity-x')).toEqual({
      topic: 'popularity-x', group: 'acceptance-popularity-x', stateDir: '/srv/kcp/.state/acceptance/popularity-x', checkpointDir: '/srv/kcp/.state/acceptance/popularity-x/checkpoints',
    });
  });

  it('creates 3 partitions with RF min(3, brokers) and refuses to reuse a topic', async () => {
    const three = fakeAdmin(5, []);
    expect(await createInputTopic(three.admin, 'a')).toBe(3);
    expect(three.created).toEqual([{ topic: 'a', partitions: 3, replicationFactor: 3 }]);
    const one = fakeAdmin(1, []);
    expect(await createInputTopic(one.admin, 'a')).toBe(1);
    await expect(createInputTopic(fakeAdmin(3, ['a']).admin, 'a')).rejects.toThrow('topic a already exists: refusing to reuse it');
  });

  it('deletes the input, output and dead-letter topics that exist, nothing else', async () => {
    expect(runTopics('p')).toEqual(['p', 'p-popularity', 'p-dlq', 'p-popularity-stats']);
    const f = fakeAdmin(3, ['p', 'p-dlq', 'other']);
    expect(await deleteRunTopics(f.admin, 'p')).toEqual(['p', 'p-dlq']);
    expect(f.deleted).toEqual([['p', 'p-dlq']]);
  });

  it('returns once the cluster no longer lists them, and says which are still listed at the deadline', async () => {
    const behind = fakeAdmin(3, ['p', 'p-popularity'], 2);
    expect(await deleteRunTopics(behind.admin, 'p')).toEqual(['p', 'p-popularity']);
    const stuck = fakeAdmin(3, ['p', 'p-popularity'], 1_000_000);
    await expect(deleteRunTopics(stuck.admin, 'p', 300)).rejects.toThrow(/p, p-popularity gone from the topic list.*still listed: p, p-popularity/s);
  });
});

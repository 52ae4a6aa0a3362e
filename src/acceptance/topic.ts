// A fresh input topic per run (never reused: a leftover message would break exactness), its
// consumer group and checkpoint folder, and the cleanup of the topic and the job's outputs.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { poll } from '../core/poll.js';
import type { KafkaAdminPort } from '../kafka/index.js';
import { statsTopicOf } from '../popularity/job-stats.js';
import { deadLetterTopicOf, outputTopicOf } from '../popularity/output.js';

export const PARTITIONS = 3;

export interface RunNames {
  topic: string;
  group: string;
  /** .state/acceptance/<topic> beside the inventory: checkpoints, ledger, job logs and reports */
  stateDir: string;
  checkpointDir: string;
}

/** popularity-20251125T091503-3fa2c1 */
export function topicName(now = new Date(), random = randomBytes(3).toString('hex')): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
  return `popularity-${stamp}-${random}`;
}

export function runNames(baseDir: string, topic: string): RunNames {
  const stateDir = join(baseDir, '.state', 'acceptance', topic);
  return { topic, group: `acceptance-${topic}`, stateDir, checkpointDir: join(stateDir, 'checkpoints') };
}

export async function createInputTopic(admin: KafkaAdminPort, topic: string): Promise<number> {
  const brokers = (await admin.describeCluster()).brokers.length;
  const replicationFactor = Math.min(3, brokers);
  if (!(await admin.createTopic({ topic, partitions: PARTITIONS, replicationFactor }))) throw new Error(`topic ${topic} already exists: refusing to reuse it`);
  return replicationFactor;
}

export const runTopics = (topic: string): string[] => [topic, outputTopicOf(topic), deadLetterTopicOf(topic), statsTopicOf(topic)];

/**
 * Deletes the input, output, dead-letter and stats topics that exist, and returns once the
 * cluster no longer lists them: in ZooKeeper mode a deletion is answered by the controller while
 * other brokers may still list the topic for a moment (longer right after a controller moved).
 */
export async function deleteRunTopics(admin: KafkaAdminPort, topic: string, deadlineMs = 30_000): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const doomed = runTopics(topic).filter((t) => existing.has(t));
  if (doomed.length === 0) return doomed;
  await admin.deleteTopics(doomed);
  const listed = async () => (await admin.listTopics()).filter((t) => doomed.includes(t));
  await poll(listed, { deadlineMs, intervalMs: 100, describe: `${doomed.join(', ')} gone from the topic list`, until: (left) => left.length === 0, show: (left) => `still listed: ${left.join(', ')}` });
  return doomed;
}

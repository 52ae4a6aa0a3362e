// `npm run verify`: the post-deploy smoke checks. Every check is reported, independent ones run
// even after a failure; the topic round trip needs the cluster metadata, so a cluster that
// cannot be reached at all fails its broker checks and skips the topic.
import type { Cluster } from '../inventory/model.js';
import { guardLabAddress } from '../lab/guard.js';
import { allOk, errorText, fail, type Check } from './check.js';
import { brokerChecks } from './brokers.js';
import { guardedKafkaClient } from './guarded-client.js';
import { KINDS } from './messages.js';
import { topicRoundTrip, verifyTopicName } from './topic.js';
import { askEnsemble, zookeeperChecks } from './zookeeper.js';

export interface VerifyReport {
  ok: boolean;
  checks: Check[];
  topic: string;
  /** `kafka-topics --describe` text of the test topic, null when it could not be described */
  describe: string | null;
  elapsed_ms: number;
}

export interface VerifyOptions {
  readTimeoutMs?: number;
  log?: (line: string) => void;
  /** test hook: a fixed topic name */
  topic?: string;
}

export async function runVerify(cluster: Cluster, o: VerifyOptions = {}): Promise<VerifyReport> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const topic = o.topic ?? verifyTopicName();
  const checks: Check[] = [];

  log(`asking ${cluster.ensemble.length} ZooKeeper servers ruok/srvr`);
  checks.push(...zookeeperChecks(await askEnsemble(cluster, async (a) => void (await guardLabAddress(cluster, a)))));

  const partitions = Math.min(3, cluster.brokers.length);
  const replicationFactor = Math.min(3, cluster.brokers.length);
  let describe: string | null = null;
  const client = await guardedKafkaClient(cluster, 'kcp-verify').catch((err: Error) => err);
  const admin = client instanceof Error ? client : await client.admin().catch((err: Error) => err);
  try {
    const meta = admin instanceof Error ? admin : await admin.describeCluster().catch((err: Error) => err);
    checks.push(...brokerChecks(cluster.brokers, meta));
    if (client instanceof Error || admin instanceof Error || meta instanceof Error) {
      const why = `skipped: no connection to the cluster (${errorText(meta)})`;
      checks.push(...['topic create', 'topic describe', ...KINDS.map((k) => `round trip ${k}`), 'topic delete'].map((n) => fail(n, why)));
    } else if (partitions === 0) {
      checks.push(fail('topic create', 'skipped: the inventory has no broker'));
    } else {
      const result = await topicRoundTrip(client, admin, { topic, partitions, replicationFactor, readTimeoutMs: o.readTimeoutMs, log });
      checks.push(...result.checks);
      describe = result.description;
    }
  } finally {
    if (!(admin instanceof Error)) await admin.disconnect().catch(() => undefined);
  }
  return { ok: allOk(checks), checks, topic, describe, elapsed_ms: Math.round(performance.now() - started) };
}

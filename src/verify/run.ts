// `npm run verify`: the post-deploy smoke checks. Every check is reported, independent ones run
// even after a failure; the topic round trip needs the cluster metadata, so a cluster that
// cannot be reached at all fails its broker checks and skips the topic.
import { releaseOf } from '../dist/release.js';
import type { Cluster } from '../inventory/model.js';
import { guardLabAddress } from '../lab/guard.js';
import { layout, servicePaths } from '../render/layout.js';
import { connect, type Sessions } from '../remote/connect.js';
import { allOk, errorText, fail, type Check } from './check.js';
import { brokerChecks } from './brokers.js';
import { guardedKafkaClient } from './guarded-client.js';
import { KINDS } from './messages.js';
import { dumpLogCommand, parseDumpLog, type StoredBatch } from './stored-codec.js';
import { topicRoundTrip, verifyTopicName } from './topic.js';
import { describeQuorum, kraftChecks } from './kraft.js';
import { askEnsemble, zookeeperChecks } from './zookeeper.js';
import { askFourLetterWord } from './four-letter.js';
import { adminSecrets, certificateClientSecurity } from '../security/cluster-secrets.js';

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
  /** OpenSSH accept-new for the hosts whose logs are read (DumpLogSegments) */
  acceptNewHostKeys?: boolean;
  /**
   * Reads the stored batches of `topic` on the hosts of the given partition leaders. Default:
   * DumpLogSegments over SSH on each leader's host (a test with no SSH hosts runs it locally).
   */
  dumpBatches?: (topic: string, leaders: Map<number, number[]>) => Promise<StoredBatch[]>;
}

export async function runVerify(cluster: Cluster, o: VerifyOptions = {}): Promise<VerifyReport> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const topic = o.topic ?? verifyTopicName();
  const checks: Check[] = [];

  const guard = async (address: string): Promise<void> => void (await guardLabAddress(cluster, address));
  if (cluster.mode === 'zookeeper') {
    log(`asking ${cluster.ensemble.length} ZooKeeper servers ruok/srvr`);
    const secrets = await adminSecrets(cluster);
    const tls = secrets && certificateClientSecurity(secrets);
    checks.push(...zookeeperChecks(await askEnsemble(cluster, guard, (address, port, word) => askFourLetterWord(address, port, word, undefined, tls))));
  } else {
    log(`asking the ${cluster.quorum.length} KRaft controllers for the quorum (DescribeQuorum)`);
    checks.push(...kraftChecks(cluster, await describeQuorum(cluster, guard).catch((err: Error) => err)));
  }

  const partitions = Math.min(3, cluster.brokers.length);
  const replicationFactor = Math.min(3, cluster.brokers.length);
  let describe: string | null = null;
  const sessions = connect(cluster, { acceptNewHostKeys: o.acceptNewHostKeys ?? false, guard: (h) => guard(h.address), log });
  const dump = o.dumpBatches ?? ((t, leaders) => storedBatches(cluster, sessions, t, leaders));
  const client = await guardedKafkaClient(cluster, 'kcp-verify').catch((err: Error) => err);
  const admin = client instanceof Error ? client : await client.admin().catch((err: Error) => err);
  try {
    const meta = admin instanceof Error ? admin : await admin.describeCluster().catch((err: Error) => err);
    checks.push(...brokerChecks(cluster.brokers, meta, cluster.mode === 'zookeeper'));
    if (client instanceof Error || admin instanceof Error || meta instanceof Error) {
      const why = `skipped: no connection to the cluster (${errorText(meta)})`;
      checks.push(...['topic create', 'topic describe', ...KINDS.map((k) => `round trip ${k}`), 'topic delete'].map((n) => fail(n, why)));
    } else if (partitions === 0) {
      checks.push(fail('topic create', 'skipped: the inventory has no broker'));
    } else {
      const dumpBatches = (leaders: Map<number, number[]>) => dump(topic, leaders);
      const result = await topicRoundTrip(client, admin, { topic, partitions, replicationFactor, readTimeoutMs: o.readTimeoutMs, log, dumpBatches });
      checks.push(...result.checks);
      describe = result.description;
    }
  } finally {
    if (!(admin instanceof Error)) await admin.disconnect().catch(() => undefined);
    await sessions.closeAll();
  }
  return { ok: allOk(checks), checks, topic, describe, elapsed_ms: Math.round(performance.now() - started) };
}

/** The topic's stored batches, read by DumpLogSegments on each leader's host. */
async function storedBatches(cluster: Cluster, sessions: Sessions, topic: string, leaders: Map<number, number[]>): Promise<StoredBatch[]> {
  const out: StoredBatch[] = [];
  for (const [id, partitions] of leaders) {
    const host = cluster.brokers.find((b) => b.brokerId === id);
    if (!host) throw new Error(`partition leader ${id} is not a broker of the inventory`);
    const command = dumpLogCommand({ kafkaHome: layout.kafkaHome, dataDir: servicePaths('kafka').dataDir, topic, partitions, mainClass: releaseOf(cluster.kafka.version).tools.dumpLogSegments });
    const { stdout } = await (await sessions.session(host.name)).exec(command, { describe: `DumpLogSegments of ${topic} on ${host.name}`, timeoutMs: 60_000 });
    out.push(...parseDumpLog(stdout, topic));
  }
  return out;
}

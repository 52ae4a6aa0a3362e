// `npm run perf`: create a topic, run ProducerPerformance on a broker host over SSH, parse its
// figures, delete the topic (unless kept). The client runs next to a broker, as in the seed, so
// the figures measure the cluster rather than the control machine's link to it.
import { randomBytes } from 'node:crypto';
import { OperationError, InputError } from '../core/errors.js';
import type { Cluster, Host } from '../inventory/model.js';
import { guardLabAddress } from '../lab/guard.js';
import { lastLines } from '../remote/command.js';
import { connect } from '../remote/connect.js';
import { argv } from '../core/shell.js';
import { guardedKafkaClient } from '../verify/guarded-client.js';
import { tlsFiles } from '../render/security.js';
import { SERVICE_USER } from '../render/layout.js';
import { NO_GRANTS, withRunUsers, type RunUser } from '../security/run-user.js';
import { javaClientProperties } from '../security/user-files.js';
import { producerPerformanceArgv, producerPerformanceScript, type ProducerPerformanceSpec } from './command.js';
import { perfTimeoutSeconds, type PerfOptions } from './options.js';
import { parseProducerPerformance, type PerfInterval, type PerfSummary } from './parse.js';

export interface PerfReport extends PerfSummary {
  topic: string;
  host: string;
  partitions: number;
  replication_factor: number;
  record_size: number;
  throughput: number;
  producer_props: Record<string, string>;
  /** where each producer property comes from: the seed, Kafka's default, --producer-prop, the inventory */
  producer_prop_sources: Record<string, string>;
  command: string;
  intervals: PerfInterval[];
  elapsed_ms: number;
  topic_deleted: boolean;
}

export const perfTopicName = (now = Date.now()): string => `kcp-perf-${now}-${randomBytes(3).toString('hex')}`;

export function perfHost(cluster: Cluster, wanted: string | null): Host {
  const first = cluster.brokers[0];
  if (!first) throw new InputError(`${cluster.inventoryFile}: no host runs a broker (broker_id)`);
  if (wanted === null) return first;
  const host = cluster.brokers.find((h) => h.name === wanted);
  if (!host) throw new InputError(`--host ${wanted}: not a broker host of ${cluster.inventoryFile} (${cluster.brokers.map((h) => h.name).join(', ')})`);
  return host;
}

/** ProducerPerformance's user on a secured cluster, given each run's topic only. */
export const PERF_USER = 'kcp-perf';

/** Where a secured run's client settings wait on the perf host (0600, the service user's; removed after). */
export const perfConfigPath = (topic: string): string => `/tmp/${topic}.properties`;

export async function runPerf(cluster: Cluster, o: PerfOptions, log: (line: string) => void = () => {}): Promise<PerfReport> {
  const host = perfHost(cluster, o.host);
  const topic = perfTopicName();
  // on a secured cluster ProducerPerformance connects as a user made for the run, allowed to write its topic only
  return withRunUsers(cluster, [{ name: PERF_USER, grants: { ...NO_GRANTS, topics: [topic], write: true } }], log, (users) => perfRun(cluster, o, { host, topic, user: users?.[0] ?? null }, log));
}

async function perfRun(cluster: Cluster, o: PerfOptions, r: { host: Host; topic: string; user: RunUser | null }, log: (line: string) => void): Promise<PerfReport> {
  const { host, topic, user } = r;
  const replicationFactor = Math.min(3, cluster.brokers.length);
  const spec: ProducerPerformanceSpec = {
    topic,
    records: o.records,
    recordSize: o.recordSize,
    throughput: o.throughput,
    bootstrapServers: cluster.bootstrapServers,
    producerProps: o.producerProps,
    kafkaVersion: cluster.kafka.version,
    ...(user ? { producerConfig: perfConfigPath(topic) } : {}),
  };
  const timeoutSeconds = perfTimeoutSeconds(o);
  const client = await guardedKafkaClient(cluster, 'kcp-perf');
  const admin = await client.admin();
  const sessions = connect(cluster, { guard: async (h) => void (await guardLabAddress(cluster, h.address)), log });
  let created = false;
  let deleted = false;
  let configPut = false;
  try {
    log(`creating topic ${topic} (${o.partitions} partitions, replication factor ${replicationFactor})`);
    await admin.createTopic({ topic, partitions: o.partitions, replicationFactor });
    created = true;
    const session = await sessions.session(host.name);
    if (user) {
      const settings = { cluster: cluster.name, user: user.name, password: user.password, bootstrapServers: cluster.bootstrapServers, caFile: tlsFiles({ service: 'kafka' }).truststore };
      await session.put(spec.producerConfig!, javaClientProperties(settings), { owner: SERVICE_USER, mode: 0o600 });
      configPut = true;
    }
    log(`${host.name}: ${argv(producerPerformanceArgv(spec))}`);
    const started = performance.now();
    const result = await session.exec(producerPerformanceScript(spec, timeoutSeconds), {
      check: false,
      describe: 'ProducerPerformance',
      timeoutMs: (timeoutSeconds + 30) * 1000,
    });
    const elapsed = Math.round(performance.now() - started);
    const { summary, intervals } = parseProducerPerformance(result.stdout);
    for (const i of intervals) log(`${i.records} records sent, ${i.records_per_sec} records/sec (${i.mb_per_sec} MB/sec)`);
    if (result.code !== 0 || !summary) {
      const why = result.code === 124 ? `timed out after ${timeoutSeconds} s` : `exit code ${result.code ?? result.signal}`;
      const detail = lastLines(`${result.stderr}\n${result.stdout}`, 8).join('\n  ');
      throw new OperationError(`ProducerPerformance on ${host.name} failed (${why}${summary ? '' : ', no summary line'}):\n  ${detail}`);
    }
    if (!o.keepTopic) {
      await admin.deleteTopics([topic]);
      deleted = true;
    }
    return {
      ...summary,
      topic,
      host: host.name,
      partitions: o.partitions,
      replication_factor: replicationFactor,
      record_size: o.recordSize,
      throughput: o.throughput,
      producer_props: { 'bootstrap.servers': cluster.bootstrapServers, ...o.producerProps },
      producer_prop_sources: { 'bootstrap.servers': 'the inventory', ...o.producerPropSources },
      command: argv(producerPerformanceArgv(spec)),
      intervals,
      elapsed_ms: elapsed,
      topic_deleted: deleted,
    };
  } finally {
    if (configPut) await (await sessions.session(host.name)).exec(argv(['rm', '-f', '--', spec.producerConfig!]), { describe: 'remove the client settings' }).catch((err: Error) => log(`could not remove ${spec.producerConfig}: ${err.message}`));
    if (created && !deleted && !o.keepTopic) {
      await admin.deleteTopics([topic]).catch((err: Error) => log(`could not delete topic ${topic}: ${err.message}`));
    }
    await Promise.allSettled([admin.disconnect(), sessions.closeAll()]);
  }
}

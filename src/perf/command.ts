// Kafka's own pressure test, as the seed ran it (kafka-producer-perf-test.sh), built as a pure
// argv so the exact command is pinned by tests and shown to operators before it runs.
import { loggingFlag, releaseOf } from '../dist/release.js';
import { layout, SERVICE_USER } from '../render/layout.js';
import { argv, quote } from '../core/shell.js';

export interface ProducerPerformanceSpec {
  topic: string;
  records: number;
  /** bytes per record */
  recordSize: number;
  /** records/s to aim for; -1 = as fast as possible */
  throughput: number;
  /** "host:port,host:port" */
  bootstrapServers: string;
  /** producer properties besides bootstrap.servers, in the order given */
  producerProps: Record<string, string>;
  /** JVM heap of the test client (default 256m: the broker host is busy enough) */
  heap?: string;
  /** the Kafka release on the host: where its tool lives and how it logs */
  kafkaVersion: string;
  /** a secured cluster: the client settings file on the host (its SCRAM user and the CA), 0600 */
  producerConfig?: string;
}

/**
 * The producer settings of `npm run perf` unless the operator says otherwise: the seed's own
 * (`--producer-props batch.size=100000`), and acks=all, which the seed left to the client's
 * default and which is Kafka's producer default since 3.0: stated, so the figure never depends on
 * the client version.
 */
export const DEFAULT_PRODUCER_PROPS: Readonly<Record<string, { value: string; from: 'the seed' | "Kafka's default" }>> = {
  'batch.size': { value: '100000', from: 'the seed' },
  acks: { value: 'all', from: "Kafka's default" },
};

export function producerPerformanceArgv(spec: ProducerPerformanceSpec): string[] {
  const props = Object.entries(spec.producerProps).map(([k, v]) => `${k}=${v}`);
  const release = releaseOf(spec.kafkaVersion);
  return [
    'java',
    `-Xmx${spec.heap ?? '256m'}`,
    // the distribution's tools config: warnings to stderr, so stdout holds only the figures
    loggingFlag(release, `${layout.kafkaHome}/config/${release.toolsLogConfig}`),
    '-cp',
    `${layout.kafkaHome}/libs/*`,
    release.tools.producerPerformance,
    '--topic', spec.topic,
    '--num-records', String(spec.records),
    '--record-size', String(spec.recordSize),
    '--throughput', String(spec.throughput),
    ...(spec.producerConfig ? ['--producer.config', spec.producerConfig] : []),
    '--producer-props', `bootstrap.servers=${spec.bootstrapServers}`, ...props,
  ];
}

/**
 * The remote script: as the service user when the host has one (else root), from a folder it
 * can read, bounded by coreutils `timeout` so a hung client cannot outlive the command.
 */
export function producerPerformanceScript(spec: ProducerPerformanceSpec, timeoutSeconds: number): string {
  const command = argv(producerPerformanceArgv(spec));
  const bound = `timeout --kill-after=10 ${Math.max(1, Math.ceil(timeoutSeconds))}`;
  const user = quote(SERVICE_USER);
  return `cd / && if id -u ${user} >/dev/null 2>&1; then exec ${bound} runuser -u ${user} -- ${command}; else exec ${bound} ${command}; fi`;
}

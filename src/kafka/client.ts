// THE entry point to Kafka for the whole project: swap the client library by rewriting src/kafka.
import { Kafka, Partitioners, type KafkaConfig } from 'kafkajs';
import { adaptAdmin } from './admin.js';
import { adaptConsumer } from './consumer.js';
import { levelFromEnv, stderrLogCreator, toKafkajsLevel, type KafkaLogLevel } from './logging.js';
import { adaptProducer } from './producer.js';
import { scramCredentials, tlsOptions } from './security.js';
import type { ClientSecurity, KafkaClientPort } from './types.js';

export interface KafkaClientOptions {
  /** host:port list, e.g. ["127.0.0.1:9092"]. */
  brokers: string[];
  clientId?: string;
  logLevel?: KafkaLogLevel;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** retries of a failed request (kafkajs default 5); health checks that poll want 0-1 */
  retries?: number;
  /** a secured cluster: TLS and SCRAM or a client certificate; absent: PLAINTEXT */
  security?: ClientSecurity | null;
}

/** kafkajs's ssl and sasl options for `security` (the password is revealed to the client only). */
export function kafkajsSecurity(security: ClientSecurity | null | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (!security) return {};
  const scram = scramCredentials(security);
  return { ssl: tlsOptions(security), ...(scram ? { sasl: { mechanism: 'scram-sha-512' as const, ...scram } } : {}) };
}

/** Parses `host:port,host:port` (what --bootstrap takes). */
export function parseBootstrap(text: string): string[] {
  const brokers = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const b of brokers) {
    if (!/^[^:\s]+:\d{1,5}$/.test(b)) throw new Error(`bootstrap server must be host:port, got "${b}"`);
  }
  if (brokers.length === 0) throw new Error('no bootstrap server given');
  return brokers;
}

/** Waits 0.3, 0.6, 1.2 ... s, each at most 30 s: about 2 minutes in all before a send fails. */
export const PRODUCER_RETRY = { retries: 10, initialRetryTime: 300, maxRetryTime: 30_000 } as const;

export function createKafkaClient(options: KafkaClientOptions): KafkaClientPort {
  const kafka = new Kafka({
    clientId: options.clientId ?? 'kafka-cluster-provisioner',
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30000,
    ...(options.retries === undefined ? {} : { retry: { retries: options.retries } }),
    logLevel: toKafkajsLevel(options.logLevel ?? levelFromEnv()),
    logCreator: stderrLogCreator(),
    ...kafkajsSecurity(options.security),
  });

  return {
    async admin() {
      const admin = kafka.admin();
      await admin.connect();
      return adaptAdmin(admin);
    },

    async producer() {
      const producer = kafka.producer({
        idempotent: true,
        // As long as the Java client's delivery.timeout.ms (2 min): a leader that dies is
        // replaced only after the broker session times out (ZooKeeper 18 s, KRaft 9 s), and
        // kafkajs' default budget (~9 s) gives up first. Idempotence keeps retries exactly-once.
        retry: PRODUCER_RETRY,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      const admin = kafka.admin();
      await Promise.all([producer.connect(), admin.connect()]);
      return adaptProducer(producer, admin);
    },

    async consumer({ groupId, sessionTimeoutMs = 10_000 }) {
      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: sessionTimeoutMs,
        heartbeatInterval: Math.max(500, Math.floor(sessionTimeoutMs / 10)),
        rebalanceTimeout: Math.max(sessionTimeoutMs, 20_000),
        maxWaitTimeInMs: 500,
        allowAutoTopicCreation: false,
      });
      await consumer.connect();
      return adaptConsumer(consumer);
    },
  };
}

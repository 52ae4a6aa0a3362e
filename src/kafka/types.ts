// The Kafka client port: everything the project needs from a Kafka client, and nothing that
// names the library behind it. Only the adapters in src/kafka import a client library (kafkajs
// for clients and topic admin; @platformatic/kafka for the KRaft requests kafkajs lacks).
import type { Secret } from '../security/secret.js';

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface TopicPartitionOffset extends TopicPartition {
  /** The next offset to read (Kafka's committed-offset convention). */
  offset: number;
}

export interface NewTopic {
  topic: string;
  partitions: number;
  replicationFactor: number;
  configs?: Record<string, string>;
}

export interface PartitionDescription {
  partition: number;
  /** -1 when the partition has no leader. */
  leader: number;
  replicas: number[];
  isr: number[];
  offline: number[];
}

export interface TopicDescription {
  topic: string;
  partitions: PartitionDescription[];
  /** Topic-level overrides only (what `kafka-topics --describe` lists under Configs). */
  configs: Record<string, string>;
}

export interface BrokerNode {
  nodeId: number;
  host: string;
  port: number;
}

export interface ClusterDescription {
  clusterId: string;
  controller: number | null;
  brokers: BrokerNode[];
}

export interface PartitionOffsets {
  partition: number;
  /** First offset still in the log. */
  low: number;
  /** High watermark: the offset the next record will get. */
  high: number;
}

export interface KafkaAdminPort {
  /** Creates the topic unless it exists; true when this call created it. Waits for leaders. */
  createTopic(topic: NewTopic): Promise<boolean>;
  deleteTopics(topics: string[]): Promise<void>;
  listTopics(): Promise<string[]>;
  describeTopics(topics: string[]): Promise<TopicDescription[]>;
  describeCluster(): Promise<ClusterDescription>;
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** The group's committed offsets for a topic (-1 when none). */
  groupOffsets(group: string, topic: string): Promise<TopicPartitionOffset[]>;
  disconnect(): Promise<void>;
}

export interface OutgoingMessage {
  key: string | null;
  value: string | null;
  headers?: Record<string, string>;
}

export interface AckedMessage {
  topic: string;
  partition: number;
  offset: number;
}

/** Batch compression codec of a send. */
export type Compression = 'none' | 'gzip';

export interface SendOptions {
  /** default none */
  compression?: Compression;
}

export interface KafkaProducerPort {
  /**
   * Sends one batch (acks=all, idempotent) and resolves once the broker acknowledged every
   * message, with each message's partition and offset in input order. Rejects otherwise:
   * then none of the batch counts as acknowledged.
   */
  send(topic: string, messages: OutgoingMessage[], options?: SendOptions): Promise<AckedMessage[]>;
  disconnect(): Promise<void>;
}

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  timestamp: number;
}

export interface RecordBatch {
  topic: string;
  partition: number;
  records: ConsumedRecord[];
  highWatermark: number;
  /** Marks records up to and including `offset` as processed: the next fetch starts after it. */
  resolve(offset: number): void;
  heartbeat(): Promise<void>;
  /** True when a seek or rebalance made this batch obsolete. */
  isStale(): boolean;
  isRunning(): boolean;
}

export interface Assignment {
  assigned: TopicPartition[];
  revoked: TopicPartition[];
  current: TopicPartition[];
}

export interface GroupConsumerRun {
  topics: string[];
  /** Where to start a partition that has no committed offset. */
  fromBeginning: boolean;
  eachBatch(batch: RecordBatch): Promise<void>;
  /** After each join: what this member gained and lost since its previous assignment. */
  onAssignment?(assignment: Assignment): void | Promise<void>;
  /** A rebalance started: the current partitions are about to be revoked (eager protocol). */
  onRebalanceStart?(current: TopicPartition[]): void;
  /** The consumer stopped on an error it will not recover from. */
  onCrash?(error: Error): void;
}

export interface GroupConsumerPort {
  run(options: GroupConsumerRun): Promise<void>;
  seek(target: TopicPartitionOffset): void;
  pause(partitions: TopicPartition[]): void;
  resume(partitions: TopicPartition[]): void;
  /** Commits exactly these offsets (next offset to read) for the group. */
  commit(offsets: TopicPartitionOffset[]): Promise<void>;
  assignment(): TopicPartition[];
  /** Leaves the group and disconnects; the current partitions are reported as revoked. */
  stop(): Promise<void>;
}

/**
 * How a client proves itself to a secured cluster: TLS trusting the cluster's CA (hostname
 * verification on), then SCRAM-SHA-512 on a SASL_SSL listener or a client certificate on a
 * listener that requires one.
 */
export interface ClientSecurity {
  ca: string;
  sasl?: { username: string; password: Secret };
  cert?: { certPem: string; key: Secret };
}

export interface KafkaClientPort {
  admin(): Promise<KafkaAdminPort>;
  producer(): Promise<KafkaProducerPort>;
  consumer(options: { groupId: string; sessionTimeoutMs?: number }): Promise<GroupConsumerPort>;
}

/** One replica of the KRaft metadata log, as the quorum leader sees it (timestamps in its clock). */
export interface QuorumReplica {
  id: number;
  directoryId: string;
  /** -1 when the leader has not heard from it since it became leader */
  logEndOffset: number;
  lastFetchTimestamp: number;
  lastCaughtUpTimestamp: number;
}

export interface QuorumDescription {
  leaderId: number;
  leaderEpoch: number;
  /** -1 right after a leader change, until the new leader commits */
  highWatermark: number;
  voters: QuorumReplica[];
  /** brokers (and controllers that are not voters) fetching the metadata log */
  observers: QuorumReplica[];
}

export interface FeatureLevels {
  /** feature -> finalized level (metadata.version, kraft.version, ...) */
  finalized: Record<string, number>;
  /** feature -> levels this node supports */
  supported: Record<string, { min: number; max: number }>;
  epoch: number;
}

export interface BrokerRegistration {
  id: number;
  host: string;
  port: number;
  fenced: boolean;
}

/** The KRaft requests, to one node ("host:port": a broker, or a controller listener). */
export interface KraftNodePort {
  readonly endpoint: string;
  describeQuorum(): Promise<QuorumDescription>;
  describeFeatures(): Promise<FeatureLevels>;
  /** raises `feature` to `level` (an upgrade; never a downgrade) */
  updateFeature(feature: string, level: number): Promise<void>;
  /** every registered broker with its fenced state (Kafka 4.0+) */
  describeBrokers(): Promise<BrokerRegistration[]>;
  close(): Promise<void>;
}

/** What an ACL is about. A prefixed pattern matches every name that starts with `name`. */
export interface AclResource {
  type: 'topic' | 'group' | 'cluster' | 'transactional-id';
  name: string;
  pattern: 'literal' | 'prefixed';
}

export type AclOperation = 'all' | 'read' | 'write' | 'create' | 'delete' | 'alter' | 'describe' | 'cluster-action' | 'describe-configs' | 'alter-configs' | 'idempotent-write';

/** One allow (or deny) rule: `principal` ("User:alice") may `operation` on `resource` from `host` ("*": any). */
export interface AclBinding {
  principal: string;
  host: string;
  resource: AclResource;
  operation: AclOperation;
  permission: 'allow' | 'deny';
}

/** A user's SCRAM-SHA-512 credential as the cluster describes it (never the password). */
export interface ScramCredential {
  user: string;
  iterations: number;
}

/**
 * SCRAM users and ACLs, asked of one broker (it forwards changes to the controller). There is no
 * deletion of a credential: see src/security/users.ts for why a user is disabled instead.
 */
export interface AccessPort {
  readonly endpoint: string;
  /** creates the SCRAM-SHA-512 credential of `user`, or replaces it (password and iterations) */
  upsertScramUser(user: string, password: Secret, iterations?: number): Promise<void>;
  /** every SCRAM-SHA-512 credential, sorted by user */
  scramUsers(): Promise<ScramCredential[]>;
  createAcls(bindings: AclBinding[]): Promise<void>;
  /** every ACL, or only those of `principal` */
  acls(principal?: string): Promise<AclBinding[]>;
  /** removes every ACL of `principal`, answering with what it removed */
  deleteAcls(principal: string): Promise<AclBinding[]>;
  close(): Promise<void>;
}

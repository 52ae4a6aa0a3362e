// The cluster as a Kafka client on the control machine sees it: registered brokers, the
// controller, every partition's replicas and ISR with its effective min.insync.replicas, and in
// KRaft the controller quorum. In lab mode every address is route-checked before connecting.
import { hostPort } from '../inventory/derive.js';
import type { Cluster } from '../inventory/model.js';
import { retry } from '../core/retry.js';
import { createOutputTopics } from '../popularity/output.js';
import { createKafkaClient } from '../kafka/client.js';
import { askFirst } from '../kafka/kraft.js';
import type { BrokerRegistration, ClientSecurity, FeatureLevels, KafkaAdminPort, KraftNodePort, QuorumDescription } from '../kafka/types.js';
import { adminSecrets, brokerClientSecurity, certificateClientSecurity, type AdminSecrets } from '../security/cluster-secrets.js';
import { brokerSettings } from '../render/settings.js';
import type { PartitionState } from './safety.js';

export interface ClusterSnapshot {
  brokers: number[];
  controller: number | null;
  partitions: PartitionState[];
}

/** The broker-level default of min.insync.replicas as rendered (Kafka's default is 1). */
export function brokerMinIsr(cluster: Cluster): number {
  const first = cluster.brokers[0];
  if (!first) return 1;
  const setting = brokerSettings(cluster, first).find((s) => s.key === 'min.insync.replicas');
  return setting ? Number(setting.value) : 1;
}

export class KafkaView {
  private admin: Promise<KafkaAdminPort> | null = null;
  private guarded = false;

  private secrets: Promise<AdminSecrets | null> | null = null;

  constructor(
    private readonly cluster: Cluster,
    private readonly guard: (address: string) => Promise<void>,
  ) {}

  /** A secured cluster's keys, read once (provision has made them before any request). */
  private async security(port: number): Promise<ClientSecurity | null> {
    const secrets = await (this.secrets ??= adminSecrets(this.cluster));
    if (!secrets) return null;
    return port === this.cluster.controller.port ? certificateClientSecurity(secrets) : brokerClientSecurity(secrets);
  }

  /**
   * Bootstraps from the first broker that answers, one address at a time: a client given the
   * whole list may pick a dead seed and give up, and status matters most when a host is down.
   */
  private async connect(): Promise<KafkaAdminPort> {
    if (!this.guarded) {
      for (const b of this.cluster.brokers) await this.guard(b.address);
      this.guarded = true;
    }
    const errors: string[] = [];
    const security = await this.security(this.cluster.broker.port);
    for (const seed of this.cluster.bootstrapServers.split(',')) {
      const client = createKafkaClient({
        security,
        brokers: [seed],
        clientId: 'kcp-cluster-view',
        logLevel: 'nothing',
        connectionTimeoutMs: 2000,
        requestTimeoutMs: 5000,
        retries: 1,
      });
      try {
        const admin = await client.admin();
        try {
          await admin.describeCluster();
          return admin;
        } catch (err) {
          await admin.disconnect().catch(() => undefined);
          throw err;
        }
      } catch (err) {
        errors.push(`${seed}: ${(err as Error).message}`);
      }
    }
    throw new Error(`no broker answers (${errors.join('; ')})`);
  }

  /** Runs `fn` with a connected admin; a failure drops the connection so the next call starts fresh. */
  private async withAdmin<T>(fn: (admin: KafkaAdminPort) => Promise<T>): Promise<T> {
    this.admin ??= this.connect();
    const pending = this.admin;
    try {
      return await fn(await pending);
    } catch (err) {
      if (this.admin === pending) this.admin = null;
      pending.then((a) => a.disconnect()).catch(() => undefined);
      throw err;
    }
  }

  /**
   * A streaming job's output and dead-letter topics for `topic` (made unless they exist); the
   * input's partition count. A topic created a moment ago may not be in the metadata of the
   * broker asked yet: that is retried for a while.
   */
  async createJobOutputs(topic: string, outputs: { outputTopic: string; deadLetterTopic: string }): Promise<number> {
    const notYetKnown = (err: unknown) => /does not host this topic-partition|unknown topic/i.test(`${(err as Error).message} ${String((err as { cause?: Error }).cause?.message)}`);
    return retry(
      () =>
        this.withAdmin(async (admin) => {
          const partitions = (await admin.topicOffsets(topic)).length;
          if (partitions === 0) throw new Error(`topic ${topic} has no partitions`);
          await createOutputTopics(admin, { ...outputs, partitions });
          return partitions;
        }),
      { attempts: 10, backoff: { max: '3s', base: '250ms' }, retryIf: notYetKnown },
    );
  }

  async brokers(): Promise<{ brokers: number[]; controller: number | null }> {
    return this.withAdmin(async (admin) => {
      const d = await admin.describeCluster();
      return { brokers: d.brokers.map((b) => b.nodeId).sort((a, b) => a - b), controller: d.controller };
    });
  }

  async snapshot(): Promise<ClusterSnapshot> {
    return this.withAdmin(async (admin) => {
      const d = await admin.describeCluster();
      const topics = await admin.listTopics();
      const described = topics.length > 0 ? await admin.describeTopics(topics) : [];
      const fallback = brokerMinIsr(this.cluster);
      const partitions = described.flatMap((t) =>
        t.partitions.map((p) => ({
          topic: t.topic,
          partition: p.partition,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
          minIsr: Number(t.configs['min.insync.replicas'] ?? fallback),
        })),
      );
      return { brokers: d.brokers.map((b) => b.nodeId).sort((a, b) => a - b), controller: d.controller, partitions };
    });
  }

  /**
   * Does the broker at `address` answer a metadata request itself? A ZooKeeper-mode broker
   * processes requests only after it registered, so a stale registration left by a killed
   * process (still listed until its session expires) does not pass this.
   */
  async answers(address: string): Promise<boolean> {
    await this.guard(address);
    const client = createKafkaClient({
      security: await this.security(this.cluster.broker.port),
      brokers: [hostPort(address, this.cluster.broker.port)],
      clientId: 'kcp-broker-probe',
      logLevel: 'nothing',
      connectionTimeoutMs: 2000,
      requestTimeoutMs: 3000,
      retries: 0,
    });
    const admin = await client.admin();
    try {
      await admin.describeCluster();
      return true;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** KRaft: DescribeQuorum, from whichever controller answers it (only the active one does). */
  async quorum(): Promise<QuorumDescription> {
    return this.firstNode(this.cluster.quorum.map((p) => p.host.address), this.cluster.controller.port, (n) => n.describeQuorum());
  }

  /** KRaft on Kafka 4: every registered broker, fenced or not, from the first broker that answers. */
  async brokerRegistrations(): Promise<BrokerRegistration[]> {
    return this.firstNode(this.cluster.brokers.map((b) => b.address), this.cluster.broker.port, (n) => n.describeBrokers());
  }

  /** KRaft: the finalized feature levels, as the first broker that answers knows them. */
  async features(): Promise<FeatureLevels> {
    return this.firstNode(this.cluster.brokers.map((b) => b.address), this.cluster.broker.port, (n) => n.describeFeatures());
  }

  /** KRaft: the feature levels one node (broker port or controller listener) knows and supports. */
  async nodeFeatures(address: string, port: number): Promise<FeatureLevels> {
    return this.firstNode([address], port, (n) => n.describeFeatures());
  }

  /** KRaft: raises one finalized feature level, through the first broker that takes it. */
  async updateFeature(feature: string, level: number): Promise<void> {
    return this.firstNode(this.cluster.brokers.map((b) => b.address), this.cluster.broker.port, (n) => n.updateFeature(feature, level));
  }

  /** `fn` against the nodes at `addresses` on `port`, route-checked, until one answers. */
  private async firstNode<T>(addresses: string[], port: number, fn: (node: KraftNodePort) => Promise<T>): Promise<T> {
    const endpoints = addresses.map((a) => hostPort(a, port));
    const security = await this.security(port);
    return askFirst(endpoints, fn, (endpoint) => this.guard(addresses[endpoints.indexOf(endpoint)]!), { security });
  }

  async close(): Promise<void> {
    const pending = this.admin;
    this.admin = null;
    if (pending) await pending.then((a) => a.disconnect()).catch(() => undefined);
  }
}

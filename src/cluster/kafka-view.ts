// The cluster as a Kafka client on the control machine sees it: registered brokers, the
// controller, and every partition's replicas and ISR with its effective min.insync.replicas.
// In lab mode every broker address is route-checked before the first connection.
import { hostPort } from '../inventory/derive.js';
import type { Cluster } from '../inventory/model.js';
import { createKafkaClient } from '../kafka/client.js';
import type { KafkaAdminPort } from '../kafka/types.js';
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

  constructor(
    private readonly cluster: Cluster,
    private readonly guard: (address: string) => Promise<void>,
  ) {}

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
    for (const seed of this.cluster.bootstrapServers.split(',')) {
      const client = createKafkaClient({
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

  async close(): Promise<void> {
    const pending = this.admin;
    this.admin = null;
    if (pending) await pending.then((a) => a.disconnect()).catch(() => undefined);
  }
}

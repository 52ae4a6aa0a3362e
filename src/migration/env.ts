// What every step of a migration or a rollback works with: the cluster at each stage (its own
// Kafka view over the same SSH sessions), KRaft's view of the controllers, the facts read from
// the hosts, and the ZooKeeper cluster's id. Opened once per run, closed at its end.
import type { Ctx } from '../cluster/context.js';
import { KafkaView } from '../cluster/kafka-view.js';
import type { Process } from '../inventory/model.js';
import { readMigrationFacts, type MigrationFacts } from './hosts.js';
import { withClusterLock } from '../cluster/lifecycle.js';
import { controllersOf } from '../render/identity.js';
import { stageCluster, type ClusterStage } from './stages.js';

export interface MigrationEnv {
  base: Ctx;
  /** the cluster at `stage`: its rendering, and the gates of its processes' metadata store */
  at(stage: ClusterStage): Ctx;
  /** KRaft's view of the controllers (quorum gates, ZkMigrationState) */
  kraft: Ctx;
  controllers: Process[];
  /** the hosts as they are now (read again before every step) */
  facts(): Promise<MigrationFacts>;
  cacheDir?: string;
  close(): Promise<void>;
}

export function openEnv(base: Ctx, cacheDir?: string): MigrationEnv {
  const views: KafkaView[] = [];
  const stages = new Map<ClusterStage, Ctx>();
  const at = (stage: ClusterStage): Ctx => {
    let ctx = stages.get(stage);
    if (!ctx) {
      const cluster = stageCluster(base.cluster, stage);
      const kafka = new KafkaView(cluster, base.guard);
      views.push(kafka);
      ctx = { ...base, cluster, kafka };
      stages.set(stage, ctx);
    }
    return ctx;
  };
  return {
    base,
    at,
    kraft: at('kraft-brokers'),
    controllers: controllersOf(base.cluster),
    facts: () => readMigrationFacts(base),
    cacheDir,
    close: async () => void (await Promise.allSettled(views.map((v) => v.close()))),
  };
}

/** `fn` with the environment open, under the provisioner lock; the environment closed whatever happens. */
export function withMigrationEnv<T>(ctx: Ctx, command: string, cacheDir: string | undefined, fn: (env: MigrationEnv) => Promise<T>): Promise<T> {
  return withClusterLock(ctx, command, async () => {
    const env = openEnv(ctx, cacheDir);
    try {
      return await fn(env);
    } finally {
      await env.close();
    }
  });
}

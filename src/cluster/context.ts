// What every cluster operation works with: the model, the SSH sessions (opened on first use,
// guarded by the lab route check), the Kafka view from the control machine, and progress.
import { join } from 'node:path';
import type { Cluster } from '../inventory/model.js';
import { guardLabAddress } from '../lab/guard.js';
import { connect, type Sessions } from '../remote/index.js';
import { KafkaView } from './kafka-view.js';
import { Progress } from './progress.js';

export interface Ctx {
  cluster: Cluster;
  sessions: Sessions;
  kafka: KafkaView;
  progress: Progress;
  artifactsDir: string;
  /** scale for gate deadlines (tests on a busy machine may raise it) */
  deadlineScale: number;
  /** before any connection from the control machine to an inventory address: the lab route check */
  guard: (address: string) => Promise<void>;
}

export interface CtxOptions {
  acceptNewHostKeys?: boolean;
  progress?: Progress;
}

export function createCtx(cluster: Cluster, opts: CtxOptions = {}): Ctx {
  const progress = opts.progress ?? new Progress(cluster.hosts.map((h) => h.name));
  const guard = async (address: string): Promise<void> => void (await guardLabAddress(cluster, address));
  const sessions = connect(cluster, {
    acceptNewHostKeys: opts.acceptNewHostKeys ?? false,
    guard: (host) => guard(host.address),
    log: (m) => progress.note(m),
  });
  return {
    cluster,
    sessions,
    kafka: new KafkaView(cluster, guard),
    progress,
    artifactsDir: join(cluster.baseDir, '.artifacts'),
    deadlineScale: Number(process.env.KCP_DEADLINE_SCALE ?? 1) || 1,
    guard,
  };
}

export async function closeCtx(ctx: Ctx): Promise<void> {
  ctx.progress.done();
  await Promise.allSettled([ctx.kafka.close(), ctx.sessions.closeAll()]);
}

// npm run dashboard: the collector, the output topic follower and the HTTP server, started
// together and stopped together (stop() closes the pages' streams, the consumer and the admin).
import type { Ctx } from '../cluster/context.js';
import { createKafkaClient, type KafkaAdminPort } from '../kafka/index.js';
import { adminSecrets, brokerClientSecurity } from '../security/cluster-secrets.js';
import { guardLabAddress } from '../lab/guard.js';
import { statsTopicOf } from '../popularity/job-stats.js';
import { jobGroupOf, outputTopicOf } from '../popularity/output.js';
import { DashboardCollector } from './collector.js';
import { JobStatsFollower } from './job-stats-follower.js';
import { OutputTopicView } from './output-view.js';
import { serveDashboard, type DashboardServer } from './server.js';

export interface DashboardOptions {
  host?: string;
  port?: number;
  /** the job's input topic: its output topic, lag and input rate are shown */
  topic?: string;
  /** the job's consumer group (default: the job's own default) */
  group?: string;
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface RunningDashboard {
  url: string;
  collector: DashboardCollector;
  server: DashboardServer;
  stop(): Promise<void>;
}

export async function startDashboard(ctx: Ctx, o: DashboardOptions = {}): Promise<RunningDashboard> {
  const { cluster } = ctx;
  for (const b of cluster.brokers) await guardLabAddress(cluster, b.address);
  // an operator's view, like status: as the admin on a secured cluster
  const secrets = await adminSecrets(cluster);
  const client = createKafkaClient({ brokers: cluster.bootstrapServers.split(','), clientId: 'kcp-dashboard', logLevel: 'nothing', security: secrets && brokerClientSecurity(secrets) });
  let admin: KafkaAdminPort | null = null;
  let output: OutputTopicView | null = null;
  let stats: JobStatsFollower | null = null;
  let collector: DashboardCollector | null = null;
  let server: DashboardServer | null = null;
  const stop = async () => {
    await server?.close();
    await collector?.stop();
    await output?.stop().catch(() => undefined);
    await stats?.stop().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  };
  try {
    if (o.topic) {
      admin = await client.admin();
      output = new OutputTopicView(client, outputTopicOf(o.topic));
      output.start();
      stats = new JobStatsFollower(client, statsTopicOf(o.topic));
      stats.start();
    }
    collector = new DashboardCollector(ctx, {
      intervalMs: o.intervalMs,
      ...(o.topic && admin ? { job: { topic: o.topic, group: o.group ?? jobGroupOf(o.topic), admin } } : {}),
      ...(output ? { output } : {}),
      ...(stats ? { stats } : {}),
      log: o.log,
    });
    collector.start();
    server = await serveDashboard(collector, { host: o.host, port: o.port });
    return { url: server.url, collector, server, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

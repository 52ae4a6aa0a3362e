// ZooKeeper mode, secured: the SCRAM admin goes into ZooKeeper before brokers serve clients
// (KRaft writes it at format). It is written whenever brokers start while none of the cluster's
// runs: before the first start, and after a stop of the whole cluster (security turned on for a
// stopped cluster, or a crash between this step and the brokers' start): the same password, a
// new salt, nothing else changes. The run's output never carries the password (redacted anyway).
import { OperationError } from '../../core/errors.js';
import { releaseOf } from '../../dist/release.js';
import { hasRole } from '../../inventory/model.js';
import { zookeeperAdminCommand } from '../../ops/zookeeper-admin.js';
import { layout, servicePaths, SERVICE_USER } from '../../render/layout.js';
import { adminCredentialFile } from '../../render/security.js';
import { lastLines } from '../../remote/command.js';
import { adminSecrets } from '../../security/cluster-secrets.js';
import { redact } from '../../security/secret.js';
import type { Ctx } from '../context.js';

export async function bootstrapZookeeperAdmin(ctx: Ctx, brokersRunning: boolean): Promise<void> {
  const { cluster } = ctx;
  if (cluster.security !== 'secure' || brokersRunning) return;
  const brokers = cluster.processes.filter((p) => hasRole(p, 'broker'));
  const configsClass = releaseOf(cluster.kafka.version).tools.zookeeperConfigs;
  if (brokers.length === 0 || configsClass === null) return;
  const secrets = (await adminSecrets(cluster))!;
  const on = brokers[0]!;
  ctx.progress.note(`ZooKeeper: adding the SCRAM admin "${secrets.admin.username}" before the brokers start (kafka-configs on ${on.host.name})`);
  const command = zookeeperAdminCommand({
    kafkaHome: layout.kafkaHome,
    configsClass,
    user: SERVICE_USER,
    zookeeperConnect: cluster.zookeeperConnect,
    brokerConfig: servicePaths(on.service).config,
    credentialFile: adminCredentialFile(cluster.mode, on),
    username: secrets.admin.username,
  });
  const session = await ctx.sessions.session(on.host.name);
  const r = await session.exec(command, { describe: 'kafka-configs --zookeeper: add the SCRAM admin', timeoutMs: 120_000, check: false });
  if (r.code !== 0) {
    const said = lastLines(redact(`${r.stderr}\n${r.stdout}`, [secrets.admin.password])).join('\n  ');
    throw new OperationError(`${on.host.name}: adding the SCRAM admin through ZooKeeper failed (exit code ${r.code}):\n  ${said}`);
  }
}

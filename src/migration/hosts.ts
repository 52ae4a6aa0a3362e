// What a migration does on the hosts besides starting and stopping: reading its facts, putting a
// stage's files in place for the processes a phase moves (and only for them: a broker already
// further on keeps its files), and formatting the new controllers with the ZooKeeper cluster's
// id. Files go through the provisioner's own plan and apply, so owners, modes, secrets and the
// distribution are handled exactly as a provision handles them.
import { OperationError } from '../core/errors.js';
import { releaseOf } from '../dist/release.js';
import { DEFAULT_DIST_CACHE, ensureDistribution } from '../dist/index.js';
import { ensureSparkDistribution } from '../dist/spark.js';
import { gatherFacts } from '../facts/gather.js';
import { parseProcesses, processesCommand } from '../facts/processes.js';
import { parseStorage, storageCommand, UNFORMATTED } from '../facts/storage.js';
import { hostByName, isSpark, type Cluster, type Process } from '../inventory/model.js';
import { formatCommand, storageProblems } from '../ops/storage.js';
import { layout, servicePaths, SERVICE_USER } from '../render/layout.js';
import { releaseProtocol } from '../render/identity.js';
import type { HostFile } from '../render/types.js';
import { forEachHost, valuesOrThrow } from '../remote/fanout.js';
import { clusterSecrets } from '../security/cluster-secrets.js';
import { applyPlan } from '../cluster/apply.js';
import { clusterIdFile } from '../cluster/cluster-id.js';
import type { Ctx } from '../cluster/context.js';
import { gatherSpec, planHost } from '../cluster/plan.js';
import { withShippedFiles } from '../cluster/provision.js';
import { kafkaConfigsCommand, parseKafkaConfigs, type KafkaProcessFact } from './facts.js';

export interface MigrationFacts {
  kafka: KafkaProcessFact[];
  /** ZooKeeper servers that run */
  zookeeperRunning: Process[];
}

/** Every Kafka process's level and whether ZooKeeper runs, from the hosts. */
export async function readMigrationFacts(ctx: Ctx): Promise<MigrationFacts> {
  const { cluster } = ctx;
  const outcomes = valuesOrThrow(await forEachHost(cluster.hosts, 8, async (host) => {
    const session = await ctx.sessions.session(host.name);
    const mine = cluster.processes.filter((p) => p.host.name === host.name);
    const { stdout } = await session.exec(`${kafkaConfigsCommand()}\necho @@processes\n${processesCommand()}`, { describe: 'read Kafka configs and pidfiles' });
    const [configs, procs] = stdout.split('@@processes\n') as [string, string];
    const zookeeper = mine.find((p) => p.service === 'zookeeper');
    return { kafka: parseKafkaConfigs(configs, mine), zookeeper: zookeeper && parseProcesses(procs).zookeeper.running ? zookeeper : null };
  }));
  const all = [...outcomes.values()];
  return { kafka: all.flatMap((o) => o.kafka), zookeeperRunning: all.flatMap((o) => (o.zookeeper ? [o.zookeeper] : [])) };
}

/**
 * The ZooKeeper cluster's id, as every broker's meta.properties carries it (Kafka wrote it there
 * from /cluster/id); the new controllers are formatted with it. Brokers that disagree, or one
 * recorded beside the inventory that differs, stop the migration.
 */
export async function zookeeperClusterId(ctx: Ctx, recorded: string | null): Promise<string> {
  const brokers = ctx.cluster.processes.filter((p) => p.service === 'kafka');
  const dir = servicePaths('kafka').dataDir;
  const seen = valuesOrThrow(await forEachHost(brokers.map((p) => ({ name: p.name, p })), 8, async ({ p }) => {
    const { stdout } = await (await ctx.sessions.session(p.host.name)).exec(storageCommand([dir]), { describe: `read ${dir}/meta.properties` });
    return parseStorage(stdout, [dir]).get(dir)?.clusterId ?? null;
  }));
  const ids = [...new Set([...seen.values()])];
  const where = [...seen].map(([p, id]) => `${p}: ${id ?? 'none'}`).join(', ');
  if (ids.length !== 1 || ids[0] === null) throw new OperationError(`the brokers do not agree on one cluster id (${where}); every broker must have run in this cluster before it can migrate`);
  if (recorded !== null && recorded !== ids[0]) throw new OperationError(`the brokers' cluster id ${ids[0]} is not the one recorded for this cluster (${recorded} in ${clusterIdFile(ctx.cluster)}): is the inventory for another cluster?`);
  return ids[0]!;
}

/**
 * Puts `stage`'s files of the given processes in place (with what their hosts share: the
 * /etc/hosts block, the metrics agent, the SCRAM admin's file), folders and distribution as a
 * provision would, and formats any unformatted controller among them with `clusterId`. Returns
 * the processes one of whose files changed.
 */
export async function putStageFiles(ctx: Ctx, processes: readonly Process[], o: { clusterId: string; cacheDir?: string }): Promise<Set<string>> {
  const { cluster, progress } = ctx;
  if (processes.length === 0) return new Set();
  const log = (m: string) => progress.note(m);
  const cacheDir = o.cacheDir ?? DEFAULT_DIST_CACHE;
  const dist = await ensureDistribution(cluster.kafka, cacheDir, { log });
  const spark = cluster.processes.some(isSpark) ? await ensureSparkDistribution(cluster.spark, cacheDir, { log }) : null;
  const secrets = await clusterSecrets(cluster);
  const rendered = new Map((await withShippedFiles(cluster, secrets, cacheDir, log)).map((h) => [h.host, h.files]));
  const hosts = [...new Set(processes.map((p) => p.host.name))].map((name) => hostByName(cluster, name));
  const changed = new Set<string>();
  valuesOrThrow(await forEachHost(hosts, 8, async (host) => {
    const services = new Set(processes.filter((p) => p.host.name === host.name).map((p) => p.service));
    const files = rendered.get(host.name)!.filter((f: HostFile) => f.kind === 'block' || f.service === null || services.has(f.service));
    const session = await ctx.sessions.session(host.name);
    const facts = await gatherFacts(session, gatherSpec(cluster, host, files));
    const plan = planHost(cluster, host, files, facts, { kafka: dist, ...(spark ? { spark } : {}) });
    await applyPlan(session, plan, (m) => progress.host(host.name, m));
    for (const f of plan.files) if (f.kind === 'upload' && f.file.service !== null) changed.add(`${host.name}/${f.file.service}`);
    for (const p of processes.filter((x) => x.host.name === host.name && x.service === 'controller')) {
      const dir = servicePaths('controller').dataDir;
      const meta = facts.storage.get(dir) ?? UNFORMATTED;
      const refused = storageProblems(o.clusterId, [{ process: p, dir, meta }], clusterIdFile(cluster));
      if (refused.length > 0) throw new OperationError(refused.join('\n'));
      if (meta.clusterId !== null) continue;
      progress.host(host.name, `formatting ${dir} for cluster ${o.clusterId}, node ${p.id} (static quorum)`);
      await session.exec(formatControllerCommand(cluster, o.clusterId), { describe: `format ${dir}`, timeoutMs: 120_000 });
    }
  }));
  return changed;
}

/**
 * kafka-storage format for a migration's controller: the ZooKeeper cluster's id, the static
 * quorum of controller.quorum.voters, and the metadata.version of the brokers' protocol (they
 * register with exactly that). No SCRAM admin: the migration copies it out of ZooKeeper.
 */
export function formatControllerCommand(cluster: Cluster, clusterId: string): string {
  return formatCommand({
    kafkaHome: layout.kafkaHome,
    storageClass: releaseOf(cluster.kafka.version).tools.storage,
    user: SERVICE_USER,
    clusterId,
    config: servicePaths('controller').config,
    initialControllers: null,
    staticQuorum: true,
    releaseVersion: releaseProtocol(cluster.kafka.version),
  });
}

// Preflight for Spark's checkpoint store, before anything changes on any host. A folder must be
// one storage for every Spark host (the master's host writes a check file into the deepest part
// of the path it has, every other Spark host reads it back, the writer removes it); HDFS's
// namenode must accept a TCP connection from every Spark host. A dry run skips the folder check:
// it writes a file.
import { randomBytes } from 'node:crypto';
import { hostByName, type Cluster } from '../inventory/model.js';
import { isOpen, parseProbePath, readProbeCommand, removeProbeCommand, sharedProblem, tcpProbeCommand, writeProbeCommand } from '../ops/shared-dir.js';
import { describeStore, type CheckpointStore } from '../spark/checkpoint-store.js';
import type { Ctx } from './context.js';
import { sparkMasterOf, sparkWorkersOf } from './spark.js';

const FIELD = 'cluster.spark.checkpoint_dir';

/** The hosts that run a Spark daemon, the master's first. */
export function sparkHosts(cluster: Cluster): string[] {
  const master = sparkMasterOf(cluster);
  return [...new Set([...(master ? [master] : []), ...sparkWorkersOf(cluster)].map((p) => p.host.name))];
}

/** Problems, one line each ("host: field: what"); empty when the store is fit for Spark. */
export async function checkpointStoreProblems(ctx: Ctx, opts: { dryRun: boolean; note: (line: string) => void }): Promise<string[]> {
  const store = ctx.cluster.spark.checkpointStore;
  const hosts = sparkHosts(ctx.cluster);
  if (hosts.length === 0) return [];
  if (store.kind === 'hdfs') return namenodeProblems(ctx, store, hosts);
  if (hosts.length < 2) return [];
  if (opts.dryRun) {
    opts.note(`${FIELD}: not checked for being shared in a dry run (the check writes a file)`);
    return [];
  }
  return sharedFolderProblems(ctx, store.path, hosts as [string, ...string[]]);
}

async function sharedFolderProblems(ctx: Ctx, dir: string, [writer, ...readers]: [string, ...string[]]): Promise<string[]> {
  const token = randomBytes(16).toString('hex');
  const writing = await ctx.sessions.session(writer);
  const written = await writing.exec(writeProbeCommand(dir, token), { check: false, describe: `write a check file for ${dir}` });
  if (written.code !== 0) return [`${writer}: ${FIELD}: cannot write a check file for ${dir}: ${written.stderr.trim().split('\n').pop() ?? `exit ${written.code}`}`];
  const path = parseProbePath(written.stdout, token);
  try {
    const seen = await Promise.all(readers.map(async (host) => {
      const { stdout } = await (await ctx.sessions.session(host)).exec(readProbeCommand(path), { describe: `read the check file ${path}` });
      const problem = sharedProblem(dir, path, stdout, token, writer);
      return problem ? `${host}: ${FIELD}: ${problem}` : null;
    }));
    return seen.filter((p): p is string => p !== null);
  } finally {
    await writing.exec(removeProbeCommand(path), { describe: `remove the check file ${path}` });
  }
}

async function namenodeProblems(ctx: Ctx, store: Extract<CheckpointStore, { kind: 'hdfs' }>, hosts: string[]): Promise<string[]> {
  // a namenode that is an inventory host is reached at its address; in the lab, only through the lab bridge
  const address = ctx.cluster.hosts.find((h) => h.name === store.host)?.address ?? store.host;
  await ctx.guard(address);
  const seen = await Promise.all(hosts.map(async (host) => {
    const { stdout } = await (await ctx.sessions.session(host)).exec(tcpProbeCommand(address, store.port), { describe: `connect to the namenode ${store.host}:${store.port}` });
    return isOpen(stdout) ? null : `${host}: ${FIELD}: ${describeStore(store)}: the namenode ${store.host}:${store.port} does not accept connections from ${hostByName(ctx.cluster, host).address}`;
  }));
  return seen.filter((p): p is string => p !== null);
}

// Desired state vs facts -> what a provision does on one host, and why. Pure: the same facts
// give the same plan, so a dry run shows exactly what a real run would do.
import { releaseOf } from '../dist/release.js';
import type { GatherSpec, HostFacts } from '../facts/gather.js';
import { processesOf } from '../inventory/derive.js';
import { distName, isSpark, isSparkService, sparkDistName, type Cluster, type Host } from '../inventory/model.js';
import { planDist, type Component, type DistPlan, type DistTarget, type LocalDist, type RemoteDist } from '../ops/dist.js';
import { etcHostsChange } from '../ops/etc-hosts.js';
import { fileAction, type FileAction } from '../ops/files.js';
import { desiredDirs, dirSteps, userStep, type Step } from '../ops/host-setup.js';
import { serviceAction, type ServiceAction } from '../ops/restart.js';
import { formatCommand, type FormatStep } from '../ops/storage.js';
import { distDir, distTarball, layout, servicePaths, SERVICE_USER, SERVICES, sparkDistDir, sparkDistTarball, type Service } from '../render/layout.js';
import { tlsFiles } from '../render/security.js';
import type { HostFile, RenderedFile } from '../render/types.js';
import { DISK_PATHS } from './preflight.js';

/** One distribution of a host: where it goes, and what installing it takes. */
export interface HostDist {
  target: DistTarget;
  plan: DistPlan;
}

export interface HostPlan {
  host: string;
  steps: Step[];
  /** Kafka's distribution, then Spark's where a Spark daemon runs */
  dists: HostDist[];
  files: FileAction[];
  /** new /etc/hosts content when the managed block must change */
  etcHosts: { content: string; block: RenderedFile } | null;
  /** KRaft: data folders to format (kafka-storage format), after files and distribution are in place */
  storage: Step[];
  services: ServiceAction[];
}

/** The distributions a host needs, where they go: Kafka's everywhere, Spark's with a Spark daemon. */
export function hostDists(cluster: Cluster, host: Host): RemoteDist[] {
  const kafka: RemoteDist = { component: 'kafka', name: distName(cluster.kafka), tarball: distTarball(cluster.kafka), dir: distDir(cluster.kafka), link: layout.kafkaHome };
  if (!cluster.processes.some((p) => p.host.name === host.name && isSpark(p))) return [kafka];
  const { spark } = cluster;
  return [kafka, { component: 'spark', name: sparkDistName(spark), tarball: sparkDistTarball(spark), dir: sparkDistDir(spark), link: layout.sparkHome }];
}

/** The distribution a service runs from. */
export const componentOf = (service: Service): Component => (isSparkService(service) ? 'spark' : 'kafka');

/**
 * The data folder of each Kafka process on the host, whose meta.properties says whether it was
 * ever used: KRaft formats the ones without; in both modes a secured cluster refuses folders that
 * a cluster without security used (security/trust-check.ts).
 */
export function storageDirs(host: Host): string[] {
  return processesOf(host).filter((p) => p.service === 'kafka' || p.service === 'controller').map((p) => servicePaths(p.service).dataDir);
}

export function gatherSpec(cluster: Cluster, host: Host, files: HostFile[]): GatherSpec {
  // and the migration's marker: a ZooKeeper-mode inventory is refused on a migrated cluster
  const paths = [...desiredDirs(cluster, host).map((d) => d.path), ...files.filter((f) => f.kind === 'file').map((f) => f.path), layout.migratedMarker];
  return {
    paths,
    diskPaths: DISK_PATHS,
    user: SERVICE_USER,
    dists: hostDists(cluster, host),
    etcHosts: layout.etcHosts,
    storageDirs: storageDirs(host),
  };
}

function storageSteps(cluster: Cluster, formats: readonly FormatStep[], clusterId: string | null): Step[] {
  if (formats.length === 0 || clusterId === null) return [];
  const storageClass = releaseOf(cluster.kafka.version).tools.storage;
  return formats.map((f) => ({
    what: `format ${f.dir}`,
    reason: `${f.process.name}: not formatted; cluster ${clusterId}, node ${f.process.id}${f.initialControllers ? `, a new quorum of ${f.initialControllers.split(',').length} controllers` : ''}`,
    command: formatCommand({
      kafkaHome: layout.kafkaHome,
      storageClass,
      user: SERVICE_USER,
      clusterId,
      config: servicePaths(f.process.service).config,
      initialControllers: f.initialControllers,
      scramArgs: cluster.security === 'secure' ? tlsFiles(f.process).scramArgs : null,
      staticQuorum: cluster.controller.staticQuorum,
    }),
  }));
}

export function planHost(cluster: Cluster, host: Host, files: HostFile[], facts: HostFacts, locals: Partial<Record<Component, LocalDist>>, storage: { formats: readonly FormatStep[]; clusterId: string | null } = { formats: [], clusterId: null }): HostPlan {
  const user = userStep(facts.userUid);
  const steps = [...(user ? [user] : []), ...dirSteps(desiredDirs(cluster, host), facts.paths)];
  const dists = hostDists(cluster, host).map((remote, i): HostDist => {
    const local = locals[remote.component];
    if (!local) throw new Error(`${host.name}: no local ${remote.name} tarball to install`);
    const target: DistTarget = { ...remote, localPath: local.path, localSha512: local.sha512 };
    return { target, plan: planDist(target, facts.dists[i]!) };
  });
  const distOf = (service: Service) => dists.find((d) => d.target.component === componentOf(service))!;
  const fileActions = files.filter((f) => f.kind === 'file').map((f) => fileAction(f, facts.paths.get(f.path)));
  const block = files.find((f): f is RenderedFile => f.kind === 'block');
  const newHosts = block ? etcHostsChange(facts.etcHosts, block.content) : null;
  const uploaded = fileActions.filter((a) => a.kind === 'upload');
  const wanted = new Set(processesOf(host).map((p) => p.service));
  const services = SERVICES.filter((service) => wanted.has(service) || facts.processes[service].running).map((service) =>
    serviceAction({
      service,
      wanted: wanted.has(service),
      process: facts.processes[service],
      changedFiles: uploaded.filter((a) => a.file.service === service).map((a) => a.file.path),
      distName: distOf(service).target.name,
      distSwitched: distOf(service).plan.switchLink || distOf(service).plan.unpack,
    }),
  );
  return {
    host: host.name,
    steps,
    dists,
    files: fileActions,
    etcHosts: newHosts !== null && block ? { content: newHosts, block } : null,
    storage: storageSteps(cluster, storage.formats.filter((f) => f.process.host.name === host.name), storage.clusterId),
    services,
  };
}

/** Human lines: what changes on the host and why. */
export function describePlan(plan: HostPlan): string[] {
  const lines = plan.steps.map((s) => `${s.what}: ${s.reason}`);
  for (const { target, plan: d } of plan.dists) {
    if (d.upload) lines.push(`upload ${target.name}: ${d.reasons[0]}`);
    else if (d.stamp) lines.push(`stamp the ${target.name} tarball with its sha512`);
    if (d.unpack) lines.push(`unpack ${target.name}`);
    if (d.switchLink) lines.push(`switch ${target.link}: ${d.reasons[d.reasons.length - 1]}`);
  }
  for (const f of plan.files) if (f.kind !== 'none') lines.push(`${f.file.path}: ${f.reason}`);
  if (plan.etcHosts) lines.push(`${layout.etcHosts}: managed block changed`);
  for (const s of plan.storage) lines.push(`${s.what}: ${s.reason}`);
  for (const s of plan.services) {
    if (s.action === 'left-running') lines.push(`${s.service} left running: ${s.reasons.join(', ')}`);
    else if (s.action !== 'none') lines.push(`${s.action} ${s.service}: ${s.reasons.join(', ')}`);
  }
  return lines;
}

/** Number of files this plan uploads (rendered files, /etc/hosts, the tarball). */
export function uploadsOf(plan: HostPlan): string[] {
  return [
    ...plan.dists.filter((d) => d.plan.upload).map((d) => d.target.tarball),
    ...plan.files.filter((f) => f.kind === 'upload').map((f) => f.file.path),
    ...(plan.etcHosts ? [layout.etcHosts] : []),
  ];
}

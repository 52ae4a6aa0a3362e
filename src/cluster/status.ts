// npm run status: every process with its roles, quorum role and lag, broker registration (and
// fencing, KRaft), pid and version; the controller, under-replicated partitions and, in KRaft,
// the finalized feature levels. A report, not a gate: unreachable parts are shown as such, and
// the command still succeeds unless --check asks whether the cluster is healthy.
import { readProcesses } from '../facts/run.js';
import type { Cluster, Mode, Process, Role, Service } from '../inventory/model.js';
import { aliveWorkerOn, type SparkMasterState } from '../spark/master-state.js';
import { sparkProblems } from '../spark/rules.js';
import { readSparkMaster, sparkMasterOf, sparkWebUi, sparkWorkersOf } from './spark.js';
import type { BrokerRegistration } from '../kafka/types.js';
import { forEachHost } from '../remote/fanout.js';
import type { Ctx } from './context.js';
import { versionOf } from './quorum/kraft.js';
import { quorumOf, quorumProblems, type QuorumState } from './quorum/index.js';
import { offline, underMinIsr, underReplicated, type PartitionState } from './safety.js';

export interface ProcessStatus {
  name: string;
  host: string;
  service: Service;
  roles: Role[];
  id: number;
  pid: number | null;
  version: string | null;
  /** leader / follower / observer / standalone; null when not serving or not a quorum member */
  quorum_role: string | null;
  lag: number | null;
  /** KRaft brokers: registered but fenced (not serving); null where it does not apply or is unknown */
  fenced: boolean | null;
}

export interface StatusReport {
  ok: boolean;
  mode: Mode;
  /** ZooKeeper mode: the ensemble; [] in KRaft */
  zookeeper: Array<{ host: string; mode: string | null; pid: number | null; version: string | null }>;
  brokers: Array<{ host: string; id: number; registered: boolean; controller: boolean; fenced: boolean; pid: number | null; version: string | null; error?: string }>;
  /** ZooKeeper mode: the controller broker; KRaft: the active controller (the quorum leader) */
  controller: number | null;
  under_replicated: number;
  /** partitions with fewer in-sync replicas than their min.insync.replicas: acks=all sends to them fail */
  under_min_isr: number;
  /** partitions without a leader */
  offline: number;
  quorum: { leader: number | null; voters: Array<{ id: number; host: string; role: string | null; lag: number | null; caught_up: boolean }> };
  processes: ProcessStatus[];
  /** KRaft: finalized feature levels (metadata.version, kraft.version, ...) */
  features?: Record<string, number>;
  /** why the Kafka view is missing, when it is */
  kafka_error?: string;
  /** why the quorum could not be read, when it could not */
  problems: string[];
  /** the Spark standalone cluster, when the inventory has one */
  spark?: SparkStatus;
}

export interface SparkStatus {
  /** spark://host:port */
  master_url: string;
  /** the master's web console */
  web_ui: string;
  /** ALIVE | RECOVERING | ...; null when the master does not answer */
  master_status: string | null;
  workers: Array<{ host: string; state: string | null; cores: number | null; cores_used: number | null; memory_mb: number | null }>;
  applications: Array<{ id: string; name: string; state: string; cores: number }>;
  problems: string[];
  error?: string;
}

const settled = <T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> =>
  p.then((value) => ({ ok: true as const, value }), (e: Error) => ({ ok: false as const, error: e.message }));

export async function clusterStatus(ctx: Ctx): Promise<StatusReport> {
  const { cluster } = ctx;
  const kraft = cluster.mode === 'kraft';
  const quorum = quorumOf(cluster);
  const master = sparkMasterOf(cluster);
  const [state, procs, view, registrations, features, sparkState] = await Promise.all([
    quorum.read(ctx),
    forEachHost(cluster.hosts, 8, async (h) => readProcesses(await ctx.sessions.session(h.name))),
    settled(ctx.kafka.snapshot()),
    kraft ? settled(ctx.kafka.brokerRegistrations()) : Promise.resolve(null),
    kraft ? settled(ctx.kafka.features()) : Promise.resolve(null),
    master ? settled(readSparkMaster(ctx)) : Promise.resolve(null),
  ]);
  const snapshot = view.ok ? view.value : null;
  const regs: BrokerRegistration[] | null = registrations?.ok ? registrations.value : null;
  const controller = kraft ? state.leader?.id ?? null : snapshot?.controller ?? null;
  const procOf = (host: string, service: Service) => {
    const o = procs.find((x) => x.host === host);
    return o?.ok ? o.value[service] : null;
  };
  const brokers = cluster.brokers.map((h) => {
    const id = h.brokerId!;
    const p = procOf(h.name, 'kafka');
    const listed = snapshot?.brokers.includes(id) ?? false;
    const reg = regs?.find((r) => r.id === id);
    const error = procs.find((x) => x.host === h.name && !x.ok);
    return {
      host: h.name,
      id,
      registered: listed || reg !== undefined,
      controller: controller === id,
      fenced: reg?.fenced ?? false,
      pid: p?.pid ?? null,
      version: versionOf(p?.dist ?? null),
      ...(error && !error.ok ? { error: (error.error as Error).message } : {}),
    };
  });
  const member = (name: string) => state.members.find((m) => m.process.name === name);
  const processes = cluster.processes.map((p): ProcessStatus => {
    const fact = procOf(p.host.name, p.service);
    const m = member(p.name);
    const broker = brokers.find((b) => b.host === p.host.name && p.service === 'kafka');
    return {
      name: p.name,
      host: p.host.name,
      service: p.service,
      roles: p.roles,
      id: p.id,
      pid: fact?.pid ?? null,
      version: p.service === 'zookeeper' ? m?.version ?? null : versionOf(fact?.dist ?? null),
      quorum_role: m?.role ?? null,
      lag: m?.lag ?? null,
      fenced: kraft && broker ? broker.fenced : null,
    };
  });
  const count = (select: (ps: PartitionState[]) => PartitionState[]) => (snapshot ? select(snapshot.partitions).length : 0);
  const urp = count(underReplicated);
  const problems = quorumProblems(state).map((f) => `${f.host} (${f.service}): ${f.seen}`);
  const spark = master ? sparkStatus(cluster, master, sparkState!) : undefined;
  const healthy = problems.length === 0 && brokers.every((b) => b.registered && !b.fenced && b.pid !== null) && controller !== null && snapshot !== null && urp === 0 && (spark?.problems.length ?? 0) === 0;
  return {
    ok: healthy,
    mode: cluster.mode,
    zookeeper: kraft ? [] : state.members.map((m) => ({ host: m.process.host.name, mode: m.role, pid: m.pid, version: m.version })),
    brokers,
    controller,
    under_replicated: urp,
    under_min_isr: count(underMinIsr),
    offline: count(offline),
    quorum: quorumSummary(state),
    processes,
    ...(features?.ok ? { features: features.value.finalized } : {}),
    ...(view.ok ? {} : { kafka_error: view.error }),
    problems,
    ...(spark ? { spark } : {}),
  };
}

function sparkStatus(cluster: Cluster, master: Process, read: { ok: true; value: SparkMasterState } | { ok: false; error: string }): SparkStatus {
  const state = read.ok ? read.value : null;
  const workers = sparkWorkersOf(cluster);
  return {
    master_url: cluster.sparkMasterUrl!,
    web_ui: sparkWebUi(cluster, master),
    master_status: state?.status ?? null,
    workers: workers.map((w) => {
      const alive = state ? aliveWorkerOn(state, w.host) : undefined;
      return { host: w.host.name, state: alive?.state ?? (state ? 'NOT registered' : null), cores: alive?.cores ?? null, cores_used: alive?.coresUsed ?? null, memory_mb: alive?.memory ?? null };
    }),
    applications: (state?.activeApps ?? []).map((a) => ({ id: a.id, name: a.name, state: a.state, cores: a.cores })),
    problems: sparkProblems(state, master, workers, new Map(), read.ok ? '' : read.error).map((f) => `${f.process.name}: ${f.seen}`),
    ...(read.ok ? {} : { error: read.error }),
  };
}

function quorumSummary(state: QuorumState): StatusReport['quorum'] {
  return {
    leader: state.leader?.id ?? null,
    voters: state.members.map((m) => ({ id: m.process.id, host: m.process.host.name, role: m.role, lag: m.lag, caught_up: m.caughtUp })),
  };
}

/** Reading the status is the operation, so 0 even for a sick cluster, unless asked to check it. */
export function statusExitCode(r: StatusReport, check: boolean): number {
  return check && !r.ok ? 1 : 0;
}

function processRole(p: ProcessStatus): string {
  if (p.service === 'zookeeper' || p.service === 'spark-master') return p.service;
  if (p.service === 'spark-worker') return `spark-worker ${p.id}`;
  const roles = p.roles.includes('broker') && p.roles.includes('controller') ? 'broker+controller' : p.roles.join('+');
  return `${roles} ${p.id}`;
}

function processState(p: ProcessStatus, r: StatusReport): string {
  const parts: string[] = [];
  if (p.service === 'zookeeper') return p.quorum_role ?? 'not serving';
  if (p.service === 'spark-master') return r.spark?.master_status ?? 'not answering';
  if (p.service === 'spark-worker') {
    const w = r.spark?.workers.find((x) => x.host === p.host);
    return w?.state === 'ALIVE' ? `ALIVE, ${w.cores_used}/${w.cores} cores used` : (w?.state ?? 'unknown');
  }
  if (p.roles.includes('controller')) parts.push(p.quorum_role ? `${p.quorum_role}${p.lag !== null ? `, lag ${p.lag}` : ''}` : 'not in the quorum');
  if (p.roles.includes('broker')) {
    const b = r.brokers.find((x) => x.id === p.id)!;
    parts.push(b.registered ? (b.fenced ? 'FENCED' : 'registered') : 'NOT registered');
    if (r.mode === 'zookeeper' && b.controller) parts.push('controller');
  }
  return parts.join(', ');
}

export function formatStatus(r: StatusReport): string {
  const rows: string[][] = [['HOST', 'ROLE', 'STATE', 'PID', 'VERSION']];
  for (const p of r.processes) rows.push([p.host, processRole(p), processState(p, r), String(p.pid ?? '-'), p.version ?? '-']);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const table = rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  const features = r.features ? Object.entries(r.features).map(([k, v]) => `${k}=${v}`).join(' ') : null;
  return [
    ...table,
    '',
    `controller: ${r.controller ?? 'none'}   under-replicated partitions: ${r.under_replicated}   under min ISR: ${r.under_min_isr}   offline: ${r.offline}   ${r.ok ? 'healthy' : 'NOT healthy'}`,
    ...(features ? [`features: ${features}`] : []),
    ...r.problems.map((p) => `quorum: ${p}`),
    ...(r.kafka_error ? [`kafka: ${r.kafka_error}`] : []),
    ...(r.spark
      ? [
          `spark: ${r.spark.master_url}, web console ${r.spark.web_ui}, ${r.spark.applications.length} running application(s)${r.spark.applications.map((a) => ` ${a.name} (${a.id}, ${a.state})`).join(',')}`,
          ...r.spark.problems.map((p) => `spark: ${p}`),
        ]
      : []),
  ].join('\n');
}

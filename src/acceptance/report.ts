// The acceptance report: the contract fields (ok, topic, produced, acked, consumed, lost,
// duplicates, final, top10, chaos) first, then what an operator needs to judge a failure.
import { topN, type PageDifference } from '../popularity/oracle.js';
import type { EngineName, JobOutcome } from './engine.js';
import { formatTopTable } from '../popularity/top-table.js';
import type { ChaosRecord } from './chaos-mode.js';
import type { CheckResult, LostMessage, PartitionCheck } from './check.js';
import type { JobExit } from './job-process.js';

export interface AcceptanceReport {
  ok: boolean;
  /** which job ran: ts (this tool's) or spark (the seed's, on the Spark cluster) */
  engine: EngineName;
  topic: string;
  produced: number;
  acked: number;
  /** records the job counted into its state exactly once */
  consumed: number;
  lost: number;
  duplicates: number;
  /** the job's final state: page id -> cumulative popularity */
  final: Record<string, number>;
  top10: [string, number][];
  chaos: ChaosRecord;
  failures: string[];
  /** pages whose value differs from the oracle (expected = oracle, actual = job) */
  diff: PageDifference[];
  in_doubt: number;
  in_doubt_written: number;
  topic_records: number;
  misplaced: number;
  altered: number;
  unknown: number;
  malformed: number;
  expected_malformed: number;
  lost_messages: LostMessage[];
  duplicate_ids: string[];
  partitions: PartitionCheck[];
  /** pages whose value on the compacted output topic differs from the job's final state; null if not read */
  output_diff: PageDifference[] | null;
  job: {
    instances: number;
    exits: Omit<JobExit, 'stderr_tail'>[];
    unexpected_exits: number;
    /** partition -> the checkpoint offset the last instance resumed from (empty: it started fresh) */
    resumed_from: Record<string, number>;
    batches: number | null;
    batch_ms_p50: number | null;
    batch_ms_p99: number | null;
    skipped_replays: number | null;
    error: string | null;
  };
  /** send_errors: each distinct message of a failed send attempt (the first few), with its count */
  producer: { failed_attempts: number; send_errors: Record<string, number>; batches: number; messages_per_second: number };
  seed: number;
  messages: number;
  rate: number | null;
  group: string;
  replication_factor: number;
  timings: Record<string, number | null>;
  /** the run's checkpoints, ledger, job logs and reports; null once removed (a passing run) */
  state_dir: string | null;
  topics_deleted: string[];
}

export interface ReportParts {
  topic: string;
  group: string;
  produced: number;
  acked: number;
  check: CheckResult;
  job: JobOutcome | null;
  engine: EngineName;
  jobExits: JobExit[];
  jobInstances: number;
  resumedFrom: Record<string, number>;
  chaos: ChaosRecord;
  outputDiff: PageDifference[] | null;
  inDoubt: number;
  producer: AcceptanceReport['producer'];
  seed: number;
  messages: number;
  rate: number | null;
  replicationFactor: number;
  timings: Record<string, number | null>;
  stateDir: string;
  extraFailures: string[];
}

export function buildAcceptanceReport(p: ReportParts): AcceptanceReport {
  const failures = [...p.extraFailures, ...p.check.failures];
  if (p.chaos.error) failures.push(`chaos ${p.chaos.mode} did not complete: ${p.chaos.error}`);
  if (p.chaos.mode !== 'none' && p.chaos.injected_at_ms === null) failures.push(`chaos ${p.chaos.mode} was never injected`);
  if (p.outputDiff && p.outputDiff.length > 0) failures.push(`${p.outputDiff.length} page(s) on ${p.topic}-popularity differ from the job's final state`);
  if (p.job?.error) failures.push(`the job reported an error: ${p.job.error}`);
  const unexpected = p.jobExits.filter((e) => !e.requested);
  return {
    ok: failures.length === 0,
    engine: p.engine,
    topic: p.topic,
    produced: p.produced,
    acked: p.acked,
    consumed: p.job?.consumed ?? 0,
    lost: p.check.lost,
    duplicates: p.check.duplicates,
    final: p.job?.final ?? {},
    top10: p.job?.top10 ?? topN(p.job?.final ?? {}),
    chaos: p.chaos,
    failures,
    diff: p.check.diff,
    in_doubt: p.inDoubt,
    in_doubt_written: p.check.in_doubt_written,
    topic_records: p.check.topic_records,
    misplaced: p.check.misplaced,
    altered: p.check.altered,
    unknown: p.check.unknown,
    malformed: p.job?.malformed ?? 0,
    expected_malformed: p.check.expected_malformed,
    lost_messages: p.check.lost_messages,
    duplicate_ids: p.check.duplicate_ids,
    partitions: p.check.partitions,
    output_diff: p.outputDiff,
    job: {
      instances: p.jobInstances,
      exits: p.jobExits.map(({ stderr_tail: _t, ...e }) => e),
      unexpected_exits: unexpected.length,
      resumed_from: p.resumedFrom,
      batches: p.job?.batches ?? null,
      batch_ms_p50: p.job?.batch_ms_p50 ?? null,
      batch_ms_p99: p.job?.batch_ms_p99 ?? null,
      skipped_replays: p.job?.skipped_replays ?? null,
      error: p.job?.error ?? null,
    },
    producer: p.producer,
    seed: p.seed,
    messages: p.messages,
    rate: p.rate,
    group: p.group,
    replication_factor: p.replicationFactor,
    timings: p.timings,
    state_dir: p.stateDir,
    topics_deleted: [],
  };
}

export function formatAcceptance(r: AcceptanceReport): string {
  const c = r.chaos;
  const chaos = c.mode === 'none'
    ? 'chaos: none'
    : `chaos: ${c.mode} on ${c.target ?? '?'} (${c.role ?? ''}) at ${c.injected_at_acked ?? '?'} acked, healed after ${c.healed_after_ms ?? '?'} ms${c.recovered_after_ms !== null ? `, in sync after ${c.recovered_after_ms} ms` : ''}${c.error ? `, FAILED: ${c.error}` : ''}`;
  const lines = [
    formatTopTable(r.top10, `== acceptance ${r.topic} (${r.engine === 'spark' ? 'the Spark job' : 'the TypeScript job'}): final top 10 ==`),
    `produced ${r.produced}, acked ${r.acked}, in doubt ${r.in_doubt} (${r.in_doubt_written} written), topic holds ${r.topic_records}, job consumed ${r.consumed}`,
    `lost ${r.lost}, duplicates ${r.duplicates}, pages differing ${r.diff.length}, malformed ${r.malformed}`,
    chaos,
    `job instances ${r.job.instances} (${r.job.unexpected_exits} unexpected exits)${r.state_dir ? `; ledger, checkpoints and job logs in ${r.state_dir}` : ''}`,
  ];
  if (r.ok) lines.push('OK: the job\'s final state equals the oracle of the acked messages, every acked message is in the topic once');
  else {
    lines.push('FAILED:', ...r.failures.map((f) => `  - ${f}`));
    if (r.diff.length > 0) lines.push('pages that differ (expected -> job):', ...r.diff.map((d) => `  ${d.page}: ${d.expected ?? 'absent'} -> ${d.actual ?? 'absent'}`));
    for (const l of r.lost_messages) lines.push(`  lost ${l.id} partition ${l.partition} offset ${l.offset}: ${l.cause}`);
  }
  return lines.join('\n');
}

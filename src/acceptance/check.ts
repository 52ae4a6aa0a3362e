// The exactness rule of the acceptance test (pure; no Kafka, no clock).
//
// Truth is the producer's side: the ledger of ACKED messages (id, value, partition, offset) and
// the messages whose send never resolved ("in doubt": they may or may not have been written).
// What the brokers hold is the topic read back to its high watermarks. Then:
//   1. delivery (Kafka's system tests: "every acked message was consumed"): every acked id is in
//      the topic exactly once, at the partition/offset its ack reported, with the value sent.
//      lost = acked ids missing; duplicates = extra copies of any id (an idempotent producer
//      never writes one); unknown = records with no id, or an id this run never produced.
//   2. in-doubt messages found in the topic are legitimate: the job counts them, so they join
//      the expected state. In-doubt messages not in the topic are simply not counted.
//   3. the job: its final state must equal the popularity of (acked + written in-doubt)
//      messages, computed from the PRODUCER's values in log order (the order the job folds them
//      in, so even the floating-point sums agree), within float tolerance; and it must have
//      counted every record of the topic exactly once (consumed == records in the topic).
// On loss, each missing message is placed against its partition's log range, telling real loss
// (the brokers no longer hold the offset, or hold another message there) from a reader bug.
import type { LedgerEntry } from '../popularity/ledger.js';
import { diffPopularity, popularityOf, type PageDifference } from '../popularity/oracle.js';

export interface TopicRecord {
  partition: number;
  offset: number;
  /** the `id` header; null when absent */
  id: string | null;
  value: string | null;
}

export interface PartitionRange {
  partition: number;
  /** log start offset */
  low: number;
  /** high watermark */
  high: number;
}

export interface CheckInput {
  ledger: LedgerEntry[];
  inDoubt: { id: string; value: string | null }[];
  records: TopicRecord[];
  partitions: PartitionRange[];
  /** false when the read-back stopped at its deadline before the high watermarks */
  readComplete: boolean;
  job: { consumed: number; final: Record<string, number>; partitions: { partition: number; next_offset: number }[] };
  tolerance?: number;
}

export interface LostMessage {
  id: string;
  partition: number;
  offset: number;
  cause: string;
}

export interface PartitionCheck {
  partition: number;
  low: number;
  high_watermark: number;
  acked: number;
  max_acked_offset: number | null;
  records_read: number;
  job_next_offset: number | null;
}

export interface CheckResult {
  ok: boolean;
  failures: string[];
  lost: number;
  lost_messages: LostMessage[];
  duplicates: number;
  duplicate_ids: string[];
  misplaced: number;
  altered: number;
  unknown: number;
  in_doubt_written: number;
  topic_records: number;
  expected: Map<string, number>;
  expected_malformed: number;
  diff: PageDifference[];
  partitions: PartitionCheck[];
}

const SHOWN = 20;

/** Why an acked message is missing from the read-back, judged against its partition's log. */
export function lossCause(e: LedgerEntry, range: PartitionRange | undefined, atOffset: TopicRecord | undefined, readComplete: boolean): string {
  if (!range) return `partition ${e.partition} does not exist any more (real loss)`;
  if (e.offset >= range.high) return `offset ${e.offset} is at or beyond the high watermark ${range.high}: the brokers no longer hold it (real loss: log truncated)`;
  if (e.offset < range.low) return `offset ${e.offset} is below the log start ${range.low}: deleted (retention)`;
  if (atOffset) return `offset ${e.offset} now holds ${atOffset.id ?? 'a record without id'}: log truncated and rewritten (real loss)`;
  return readComplete
    ? `offset ${e.offset} is inside the log [${range.low}, ${range.high}) but was not read: consumer bug`
    : `offset ${e.offset} is inside the log but the read-back did not finish: inconclusive`;
}

export function checkAcceptance(i: CheckInput): CheckResult {
  const failures: string[] = [];
  const byId = new Map<string, TopicRecord[]>();
  const at = new Map<string, TopicRecord>();
  for (const r of i.records) {
    at.set(`${r.partition}:${r.offset}`, r);
    if (r.id !== null) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  }
  const ranges = new Map(i.partitions.map((p) => [p.partition, p]));
  const acked = new Map(i.ledger.map((e) => [e.id, e]));
  const doubtful = new Map(i.inDoubt.map((d) => [d.id, d]));

  const lostMessages: LostMessage[] = [];
  let misplaced = 0;
  let altered = 0;
  for (const e of i.ledger) {
    const copies = byId.get(e.id);
    if (!copies) {
      lostMessages.push({ id: e.id, partition: e.partition, offset: e.offset, cause: lossCause(e, ranges.get(e.partition), at.get(`${e.partition}:${e.offset}`), i.readComplete) });
      continue;
    }
    if (!copies.some((r) => r.partition === e.partition && r.offset === e.offset)) misplaced++;
    if (copies.some((r) => r.value !== e.value)) altered++;
  }
  const duplicateIds = [...byId].filter(([, copies]) => copies.length > 1).map(([id]) => id);
  const duplicates = [...byId.values()].reduce((n, copies) => n + copies.length - 1, 0);
  const unknown = i.records.filter((r) => r.id === null || (!acked.has(r.id) && !doubtful.has(r.id))).length;

  // Expected: acked messages at their acked place, plus in-doubt ones where they landed; values
  // as the producer sent them; each id once; folded in log order like the job does.
  const landed: { partition: number; offset: number; value: string | null }[] = i.ledger.map((e) => ({ partition: e.partition, offset: e.offset, value: e.value }));
  let inDoubtWritten = 0;
  for (const d of i.inDoubt) {
    const first = byId.get(d.id)?.[0];
    if (!first || acked.has(d.id)) continue;
    inDoubtWritten++;
    landed.push({ partition: first.partition, offset: first.offset, value: d.value });
  }
  landed.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  const oracle = popularityOf(landed.map((l) => l.value));
  const diff = diffPopularity(oracle.final, i.job.final, i.tolerance);

  const partitions: PartitionCheck[] = [...i.partitions].sort((a, b) => a.partition - b.partition).map((p) => {
    const mine = i.ledger.filter((e) => e.partition === p.partition);
    return {
      partition: p.partition,
      low: p.low,
      high_watermark: p.high,
      acked: mine.length,
      max_acked_offset: mine.reduce<number | null>((m, e) => (m === null || e.offset > m ? e.offset : m), null),
      records_read: i.records.filter((r) => r.partition === p.partition).length,
      job_next_offset: i.job.partitions.find((j) => j.partition === p.partition)?.next_offset ?? null,
    };
  });

  const inLog = i.partitions.reduce((n, p) => n + (p.high - p.low), 0);
  if (!i.readComplete) failures.push(`the topic could not be read back to its high watermarks (${i.records.length} of ${inLog} records read)`);
  if (lostMessages.length > 0) failures.push(`${lostMessages.length} acked message(s) lost, e.g. ${lostMessages.slice(0, 3).map((l) => `${l.id} (${l.cause})`).join('; ')}`);
  if (duplicates > 0) failures.push(`${duplicates} duplicate record(s) in the topic, e.g. ids ${duplicateIds.slice(0, 3).join(', ')}`);
  if (misplaced > 0) failures.push(`${misplaced} acked message(s) not at the partition/offset their ack reported`);
  if (altered > 0) failures.push(`${altered} message(s) whose value in the topic differs from what was sent`);
  if (unknown > 0) failures.push(`${unknown} record(s) in the topic this run did not produce (no or unknown id header)`);
  if (i.job.consumed !== i.records.length) failures.push(`the job counted ${i.job.consumed} records, the topic holds ${i.records.length}`);
  for (const p of partitions) {
    if (p.job_next_offset !== p.high_watermark) failures.push(`partition ${p.partition}: the job ended at offset ${p.job_next_offset ?? 'none'}, the high watermark is ${p.high_watermark}`);
  }
  if (diff.length > 0) {
    const shown = diff.slice(0, 5).map((d) => `${d.page} expected ${d.expected ?? 'absent'} got ${d.actual ?? 'absent'}`);
    failures.push(`${diff.length} page(s) differ from the oracle: ${shown.join(', ')}${diff.length > 5 ? ', ...' : ''}`);
  }
  return {
    ok: failures.length === 0,
    failures,
    lost: lostMessages.length,
    lost_messages: lostMessages.slice(0, SHOWN),
    duplicates,
    duplicate_ids: duplicateIds.slice(0, SHOWN),
    misplaced,
    altered,
    unknown,
    in_doubt_written: inDoubtWritten,
    topic_records: i.records.length,
    expected: oracle.final,
    expected_malformed: oracle.malformed,
    diff,
    partitions,
  };
}

// One fetched batch folded into its partition's state: the decision part of the job's consumer
// loop, pure so that its exactness rules are tested without Kafka. A batch that starts past the
// state's next offset (Kafka's committed offset was ahead of our checkpoint) asks for a seek back;
// if the same gap comes again after that seek, those records no longer exist (retention) and are
// skipped, counted as a gap.
import type { ConsumedRecord } from '../kafka/index.js';
import type { DeadLetter } from './output.js';
import type { PartitionState } from './state.js';

export interface FoldResult {
  /** records looked at, replays included */
  read: number;
  /** records counted into the state (valid and malformed) */
  fresh: number;
  /** replays of records the state already held */
  skipped: number;
  /** offsets accepted as gone: [from, to] inclusive */
  gone: [number, number][];
  deadLetters: DeadLetter[];
  /** the offset of the last record folded or skipped: the consumer may resolve up to it */
  last: number | null;
  /** set when the batch jumped past the state's next offset: seek back `to` it; the rest of the batch is dropped */
  seekBack?: { to: number; got: number };
}

/**
 * @param soughtTo where this partition was last sought back to, if anywhere: a gap at that same
 *   offset means the seek could not bring the records back.
 */
export function foldRecords(state: PartitionState, records: readonly ConsumedRecord[], soughtTo: number | undefined): FoldResult {
  const result: FoldResult = { read: 0, fresh: 0, skipped: 0, gone: [], deadLetters: [], last: null };
  for (const record of records) {
    result.read++;
    let outcome = state.apply(record.offset, record.value);
    if (outcome.kind === 'gap') {
      if (soughtTo !== outcome.expected) return { ...result, seekBack: { to: outcome.expected, got: record.offset } };
      result.gone.push([outcome.expected, record.offset - 1]);
      state.skipTo(record.offset);
      outcome = state.apply(record.offset, record.value);
    }
    if (outcome.kind === 'skipped') result.skipped++;
    else result.fresh++;
    if (outcome.kind === 'malformed') result.deadLetters.push({ record, reason: outcome.reason, detail: outcome.detail });
    result.last = record.offset;
  }
  return result;
}

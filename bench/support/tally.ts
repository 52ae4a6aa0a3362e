// The oracle of a run too big to keep its ledger in memory: popularity summed from the ACKED
// messages as the producers report them. Same arithmetic as src/popularity/oracle.ts popularityOf,
// fed incrementally. With several producer loops the summing order can differ from log order, so
// the comparison allows float rounding (diffPopularity's relative 1e-9), nothing more.
import type { LedgerEntry } from '../../src/popularity/ledger.js';
import { contribution, parseMessage } from '../../src/popularity/message.js';
import type { OracleResult } from '../../src/popularity/oracle.js';

export class OracleTally {
  private readonly result: OracleResult = { final: new Map(), valid: 0, malformed: 0 };
  private readonly perPartition = new Map<number, number>();

  add(entries: Pick<LedgerEntry, 'value' | 'partition'>[]): void {
    for (const e of entries) {
      this.perPartition.set(e.partition, (this.perPartition.get(e.partition) ?? 0) + 1);
      const parsed = parseMessage(e.value);
      if (!parsed.ok) {
        this.result.malformed++;
        continue;
      }
      this.result.valid++;
      const { page } = parsed.behaviour;
      this.result.final.set(page, (this.result.final.get(page) ?? 0) + contribution(parsed.behaviour));
    }
  }

  get oracle(): OracleResult {
    return this.result;
  }

  get acked(): number {
    return this.result.valid + this.result.malformed;
  }

  /** Acked messages per partition. */
  partitions(): Map<number, number> {
    return new Map(this.perPartition);
  }
}

// One input partition's popularity state. Invariant: `pages`, `consumed` and `malformed` are
// exactly the fold of the partition's records [start, nextOffset). Records before nextOffset are
// skipped (already counted); a record after it is a gap the caller must resolve (seek back or
// accept). That invariant is what makes replay after a crash exact.
import { contribution, parseMessage, type MalformedReason } from './message.js';

export interface PartitionSnapshot {
  partition: number;
  nextOffset: number;
  consumed: number;
  malformed: number;
  pages: Record<string, number>;
}

export type ApplyOutcome =
  | { kind: 'applied'; page: string }
  | { kind: 'malformed'; reason: MalformedReason; detail: string }
  | { kind: 'skipped' }
  | { kind: 'gap'; expected: number };

export class PartitionState {
  private readonly pages: Map<string, number>;
  private changed = new Set<string>();

  constructor(
    readonly partition: number,
    private next: number,
    pages: Record<string, number> = {},
    private consumedCount = 0,
    private malformedCount = 0,
  ) {
    if (!Number.isSafeInteger(next) || next < 0) throw new Error(`invalid start offset ${next}`);
    this.pages = new Map(Object.entries(pages));
  }

  static fromSnapshot(s: PartitionSnapshot): PartitionState {
    return new PartitionState(s.partition, s.nextOffset, s.pages, s.consumed, s.malformed);
  }

  get nextOffset(): number {
    return this.next;
  }

  get consumed(): number {
    return this.consumedCount;
  }

  get malformed(): number {
    return this.malformedCount;
  }

  apply(offset: number, value: string | null): ApplyOutcome {
    if (offset < this.next) return { kind: 'skipped' };
    if (offset > this.next) return { kind: 'gap', expected: this.next };
    this.next = offset + 1;
    this.consumedCount++;
    const parsed = parseMessage(value);
    if (!parsed.ok) {
      this.malformedCount++;
      return { kind: 'malformed', reason: parsed.reason, detail: parsed.detail };
    }
    const { page } = parsed.behaviour;
    this.pages.set(page, (this.pages.get(page) ?? 0) + contribution(parsed.behaviour));
    this.changed.add(page);
    return { kind: 'applied', page };
  }

  /** The records in [nextOffset, offset) no longer exist (retention, compaction): skip them. */
  skipTo(offset: number): void {
    if (offset > this.next) this.next = offset;
  }

  value(page: string): number | undefined {
    return this.pages.get(page);
  }

  entries(): [string, number][] {
    return [...this.pages];
  }

  /** Pages changed since the previous call, with their current values. */
  takeChanged(): Map<string, number> {
    const out = new Map<string, number>();
    for (const page of this.changed) out.set(page, this.pages.get(page)!);
    this.changed = new Set();
    return out;
  }

  snapshot(): PartitionSnapshot {
    return {
      partition: this.partition,
      nextOffset: this.next,
      consumed: this.consumedCount,
      malformed: this.malformedCount,
      pages: Object.fromEntries(this.pages),
    };
  }
}

// The input partitions this job instance owns, each with its state. A partition's state is loaded
// once (checkpoint or fresh start), whether its assignment or its first batch comes first, and
// kept only while the group still assigns the partition here; a revoked partition's state is
// dropped with what it had not yet published (its next owner replays it from the checkpoint).
import type { PartitionSnapshot, PartitionState } from './state.js';

export class OwnedPartitions {
  private readonly states = new Map<number, PartitionState>();
  private readonly loading = new Map<number, Promise<PartitionState | undefined>>();
  /** Where each partition was last sought back to (see foldRecords). */
  readonly soughtTo = new Map<number, number>();

  constructor(
    private readonly load: (partition: number) => Promise<PartitionState>,
    private readonly isAssigned: (partition: number) => boolean,
    private readonly onLoadError: (err: Error) => void,
  ) {}

  get(partition: number): PartitionState | undefined {
    return this.states.get(partition);
  }

  /** The partition's state, loading it on first use; undefined if it is no longer ours or failed to load. */
  resume(partition: number): Promise<PartitionState | undefined> {
    const held = this.states.get(partition);
    if (held) return Promise.resolve(held);
    let loading = this.loading.get(partition);
    if (!loading) {
      loading = this.load(partition)
        .then((state) => {
          if (!this.isAssigned(partition)) return undefined; // revoked while loading
          this.states.set(partition, state);
          return state;
        })
        .catch((err: Error) => {
          this.onLoadError(err); // a damaged checkpoint must stop the job, not be skipped
          return undefined;
        })
        .finally(() => this.loading.delete(partition));
      this.loading.set(partition, loading);
    }
    return loading;
  }

  /** Resolves when no partition is being loaded. */
  async settled(): Promise<void> {
    await Promise.all(this.loading.values());
  }

  /** Drops the partitions' states; returns those that held one. */
  release(partitions: number[]): number[] {
    const held = partitions.filter((p) => this.states.has(p));
    for (const partition of partitions) {
      this.states.delete(partition);
      this.soughtTo.delete(partition);
    }
    return held;
  }

  owns(partition: number): boolean {
    return this.states.has(partition);
  }

  /** By partition number, whichever state finished loading first (the stats list them as they come). */
  snapshots(): PartitionSnapshot[] {
    return [...this.states.values()].map((s) => s.snapshot()).sort((a, b) => a.partition - b.partition);
  }

  /** Per owned partition, its pages changed since the previous call. */
  takeChanged(): [number, Map<string, number>][] {
    return [...this.states].map(([partition, s]) => [partition, s.takeChanged()]);
  }

  /** Page -> popularity summed over the owned partitions. */
  popularity(): Map<string, number> {
    const total = new Map<string, number>();
    for (const state of this.states.values()) for (const [page, v] of state.entries()) total.set(page, (total.get(page) ?? 0) + v);
    return total;
  }
}

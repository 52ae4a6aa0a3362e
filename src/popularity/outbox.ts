// What the job owes other systems between two micro-batches: the latest popularity of every page
// that changed (for the compacted output topic), kept per input partition, and the malformed
// records (for the dead-letter topic). A failed send keeps everything for the next flush, so
// nothing is lost and the job never checkpoints past records whose results were not published.
//
// Only the owner of an input partition may publish its pages: on the compacted topic the latest
// record wins, so a value held back by a failed send and published after the partition moved to
// another job instance would overwrite that instance's newer value. A partition's values are
// therefore dropped when it is revoked, and a flush sends and keeps only the partitions owned when
// it starts and fails; the next owner replays the partition from its last checkpoint and publishes
// the same values itself.
import type { KafkaProducerPort } from '../kafka/index.js';
import { deadLetterMessage, popularityMessages, sendAll, type DeadLetter } from './output.js';

type Owned = (partition: number) => boolean;

export class Outbox {
  private changed = new Map<number, Map<string, number>>();
  private deadLetters: DeadLetter[] = [];

  constructor(private readonly outputTopic: string, private readonly deadLetterTopic: string) {}

  /** A page's newest value replaces one still waiting. */
  addChanged(partition: number, pages: Iterable<[string, number]>): void {
    let held = this.changed.get(partition);
    if (!held) this.changed.set(partition, (held = new Map()));
    for (const [page, value] of pages) held.set(page, value);
  }

  addDeadLetters(deadLetters: readonly DeadLetter[]): void {
    for (const d of deadLetters) this.deadLetters.push(d);
  }

  /** Forgets what the partitions had not yet published: they are no longer this instance's. */
  drop(partitions: Iterable<number>): void {
    for (const p of partitions) this.changed.delete(p);
  }

  /**
   * Sends what is held now for the partitions `owned` says are this instance's (the rest is
   * dropped); on failure keeps it for those still owned (values added meanwhile win) and rethrows.
   */
  async flush(producer: KafkaProducerPort, owned: Owned): Promise<{ published: number; deadLettered: number }> {
    const changed = this.changed;
    const deadLetters = this.deadLetters;
    this.changed = new Map();
    this.deadLetters = [];
    const pages = new Map<string, number>();
    for (const [partition, held] of changed) if (owned(partition)) for (const [page, value] of held) pages.set(page, value);
    try {
      const outputs = popularityMessages(pages);
      await sendAll(producer, this.outputTopic, outputs);
      await sendAll(producer, this.deadLetterTopic, deadLetters.map(deadLetterMessage));
      return { published: outputs.length, deadLettered: deadLetters.length };
    } catch (err) {
      for (const [partition, held] of changed) {
        if (!owned(partition)) continue;
        const newer = this.changed.get(partition);
        this.changed.set(partition, newer ? new Map([...held, ...newer]) : held);
      }
      this.deadLetters = [...deadLetters, ...this.deadLetters];
      throw err;
    }
  }
}

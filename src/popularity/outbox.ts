// What the job owes other systems between two micro-batches: the latest popularity of every page
// that changed (for the compacted output topic) and the malformed records (for the dead-letter
// topic). A failed send keeps everything for the next flush, so nothing is lost and the job never
// checkpoints past records whose results were not published.
import type { KafkaProducerPort } from '../kafka/index.js';
import { deadLetterMessage, popularityMessages, sendAll, type DeadLetter } from './output.js';

export class Outbox {
  private changed = new Map<string, number>();
  private deadLetters: DeadLetter[] = [];

  constructor(private readonly outputTopic: string, private readonly deadLetterTopic: string) {}

  /** A page's newest value replaces one still waiting. */
  addChanged(pages: Iterable<[string, number]>): void {
    for (const [page, value] of pages) this.changed.set(page, value);
  }

  addDeadLetters(deadLetters: readonly DeadLetter[]): void {
    for (const d of deadLetters) this.deadLetters.push(d);
  }

  /** Sends what is held now; on failure keeps it (values added meanwhile win) and rethrows. */
  async flush(producer: KafkaProducerPort): Promise<{ published: number; deadLettered: number }> {
    const changed = this.changed;
    const deadLetters = this.deadLetters;
    this.changed = new Map();
    this.deadLetters = [];
    try {
      const outputs = popularityMessages(changed);
      await sendAll(producer, this.outputTopic, outputs);
      await sendAll(producer, this.deadLetterTopic, deadLetters.map(deadLetterMessage));
      return { published: outputs.length, deadLettered: deadLetters.length };
    } catch (err) {
      for (const [page, value] of changed) if (!this.changed.has(page)) this.changed.set(page, value);
      this.deadLetters = [...deadLetters, ...this.deadLetters];
      throw err;
    }
  }
}

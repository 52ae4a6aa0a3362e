// The job's compacted output topic, followed live: the latest popularity of every page.
import type { ConsumedRecord } from '../kafka/index.js';
import { TopicFollower } from './topic-follower.js';

export class OutputTopicView extends TopicFollower {
  private readonly latest = new Map<string, number>();

  accept(r: ConsumedRecord): void {
    if (r.key === null) return;
    if (r.value === null) this.latest.delete(r.key); // a tombstone
    else if (Number.isFinite(Number(r.value))) this.latest.set(r.key, Number(r.value));
  }

  /** Page -> its latest popularity, as the topic holds it now. */
  pages(): ReadonlyMap<string, number> {
    return this.latest;
  }
}

import { describe, expect, it, vi } from 'vitest';
import { TopicFollower } from '../../src/dashboard/topic-follower.js';
import type { ConsumedRecord, GroupConsumerPort, GroupConsumerRun, KafkaClientPort } from '../../src/kafka/index.js';

class Keys extends TopicFollower {
  readonly keys: string[] = [];
  accept(r: ConsumedRecord): void {
    this.keys.push(r.key!);
  }
}

/** consumer() hands out consumers whose run() fails while the topic is `missing`; each one's stop is counted. */
function fakeClient() {
  const f = {
    missing: true,
    /** while set, consumer() waits for it */
    gate: null as Promise<void> | null,
    consumers: [] as Array<{ stopped: boolean; run?: GroupConsumerRun }>,
    client: {
      consumer: async () => {
        await f.gate;
        const c: { stopped: boolean; run?: GroupConsumerRun } = { stopped: false };
        f.consumers.push(c);
        return {
          run: async (o: GroupConsumerRun) => {
            if (f.missing) throw new Error('This server does not host this topic-partition');
            c.run = o;
          },
          stop: async () => void (c.stopped = true),
        } as unknown as GroupConsumerPort;
      },
    } as unknown as KafkaClientPort,
  };
  return f;
}

describe('TopicFollower', () => {
  it('shows why it cannot follow a topic not there yet, tries again, then follows it from the start', async () => {
    const f = fakeClient();
    const follower = new Keys(f.client, 't', 'g');
    follower.start(5);
    await vi.waitFor(() => expect(follower.error()).toMatch(/does not host/), { timeout: 2000, interval: 2 });
    expect(f.consumers[0]!.stopped).toBe(true); // the failed attempt's consumer is let go
    f.missing = false;
    await vi.waitFor(() => expect(follower.error()).toBeNull(), { timeout: 2000, interval: 2 });
    const run = f.consumers.at(-1)!.run!;
    expect(run).toMatchObject({ topics: ['t'], fromBeginning: true });
    let resolved = -1;
    await run.eachBatch({ records: [{ key: 'a', offset: 7 }, { key: 'b', offset: 8 }], resolve: (o: number) => (resolved = o) } as never);
    expect([follower.keys, resolved]).toEqual([['a', 'b'], 8]);
    await follower.stop();
    expect(f.consumers.every((c) => c.stopped)).toBe(true);
  });

  it('a stop while a retry is connecting waits for it and stops its consumer; no retry after that', async () => {
    const f = fakeClient();
    const follower = new Keys(f.client, 't', 'g');
    let open!: () => void;
    follower.start(1);
    await vi.waitFor(() => expect(follower.error()).not.toBeNull(), { timeout: 2000, interval: 1 });
    f.gate = new Promise((resolve) => (open = resolve)); // the next attempt hangs in consumer()
    await new Promise((resolve) => setTimeout(resolve, 20)); // the retry is under way
    f.missing = false;
    const stopping = follower.stop();
    open();
    await stopping;
    const made = f.consumers.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(f.consumers.length).toBe(made);
    expect(f.consumers.map((c) => c.stopped)).toEqual(f.consumers.map(() => true));
  });
});

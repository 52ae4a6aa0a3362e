import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { behind, formatLag, readLag, waitCaughtUp } from '../../src/acceptance/catch-up.js';
import type { KafkaAdminPort, PartitionOffsets } from '../../src/kafka/index.js';
import { CheckpointStore } from '../../src/popularity/checkpoint.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-catch-up-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const offsets = (highs: number[]): PartitionOffsets[] => highs.map((high, partition) => ({ partition, low: 0, high }));
const admin = (highs: () => number[]) => ({ topicOffsets: async () => offsets(highs()) }) as unknown as KafkaAdminPort;
const snapshot = (partition: number, nextOffset: number) => ({ partition, nextOffset, consumed: nextOffset, malformed: 0, pages: {} });

describe('catch-up', () => {
  it('lists partitions whose checkpoint is behind the high watermark; an empty partition needs none', () => {
    expect(behind(offsets([5, 0, 7]), new Map([[0, 5], [2, 6]]))).toEqual([{ partition: 2, high: 7, checkpointed: 6 }]);
    expect(behind(offsets([5, 3]), new Map([[0, 5]]))).toEqual([{ partition: 1, high: 3, checkpointed: null }]);
    expect(formatLag([{ partition: 1, high: 3, checkpointed: null }])).toBe('partition 1: checkpoint none of 3');
    expect(formatLag([])).toBe('caught up');
  });

  it('reads the job\'s checkpoints and waits until they reach the high watermarks', async () => {
    const store = new CheckpointStore(dir, 't', 'g');
    await store.save(snapshot(0, 4));
    expect(await readLag(admin(() => [4, 2]), store, 't')).toEqual([{ partition: 1, high: 2, checkpointed: null }]);
    // The job checkpoints partition 1 while the waiter waits: after its first look (which found
    // partition 1 behind), before its second.
    let looks = 0;
    const catchingUp = {
      topicOffsets: async () => {
        if (++looks === 2) await store.save(snapshot(1, 2));
        return offsets([4, 2]);
      },
    } as unknown as KafkaAdminPort;
    expect(await waitCaughtUp(catchingUp, store, 't', 10_000)).toEqual([]);
    expect(looks).toBe(2);
    await expect(waitCaughtUp(admin(() => [4, 9]), store, 't', 1_000)).rejects.toThrow(/waiting for the job.s checkpoints of t to reach the high watermarks; last seen: partition 1: checkpoint 2 of 9/);
  });
});

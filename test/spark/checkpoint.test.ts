import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { committedOffsetsCommand, parseCommittedOffsets } from '../../src/spark/checkpoint.js';
import { runLocal } from '../facts/local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-spark-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// a Structured Streaming checkpoint as Spark 4.2 writes it: offsets/<n> when batch n is planned, commits/<n> once written
const offsets = (n: number, o: Record<string, number>) =>
  `v1\n{"batchWatermarkMs":0,"batchTimestampMs":1796308000000,"conf":{"spark.sql.shuffle.partitions":"2"}}\n${JSON.stringify({ clicks: o })}`;

describe('the committed offsets of a Spark query', () => {
  it('none before the first commit', () => {
    mkdirSync(join(dir, 'offsets'), { recursive: true });
    writeFileSync(join(dir, 'offsets', '0'), offsets(0, { 0: 10, 1: 12, 2: 9 }));
    expect(parseCommittedOffsets(runLocal(committedOffsetsCommand(dir)).stdout, 'clicks')).toBeNull();
  });

  it('the last committed batch, not a planned one', () => {
    mkdirSync(join(dir, 'commits'), { recursive: true });
    writeFileSync(join(dir, 'commits', '0'), 'v1\n{"nextBatchWatermarkMs":0}');
    writeFileSync(join(dir, 'offsets', '10'), offsets(10, { 2: 40, 0: 50, 1: 45 }));
    writeFileSync(join(dir, 'commits', '10'), 'v1\n{"nextBatchWatermarkMs":0}');
    writeFileSync(join(dir, 'offsets', '11'), offsets(11, { 0: 99, 1: 99, 2: 99 })); // planned, not committed: replayed after a crash
    writeFileSync(join(dir, 'commits', '.10.crc'), '');
    const c = parseCommittedOffsets(runLocal(committedOffsetsCommand(dir)).stdout, 'clicks');
    expect(c).toEqual({ batch: 10, next: new Map([[2, 40], [0, 50], [1, 45]]) });
  });

  it('names an offsets file it cannot read', () => {
    expect(() => parseCommittedOffsets('3\nv2\n{}\n{}', 'clicks')).toThrow(/unreadable offsets file/);
    expect(() => parseCommittedOffsets(`3\n${offsets(3, { 0: 1 })}`, 'other')).toThrow(/batch 3 has no offsets of other/);
  });
});

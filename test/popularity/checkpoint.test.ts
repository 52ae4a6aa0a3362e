import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointError, CheckpointStore, decodeCheckpoint, encodeCheckpoint } from '../../src/popularity/checkpoint.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kcp-checkpoint-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const snap = (nextOffset: number, pages: Record<string, number> = { p: 1.5 }) => ({
  partition: 3,
  nextOffset,
  consumed: nextOffset,
  malformed: 1,
  pages,
});

describe('CheckpointStore', () => {
  it('returns null without a checkpoint and round-trips state with its offset', async () => {
    const store = new CheckpointStore(dir, 'clicks', 'g1');
    expect(await store.load(3)).toBeNull();
    await store.save(snap(42, { a: 2.2, b: -1 }), new Date('2024-01-02T03:04:05Z'));
    expect(await store.load(3)).toEqual({
      topic: 'clicks',
      group: 'g1',
      writtenAt: '2024-01-02T03:04:05.000Z',
      ...snap(42, { a: 2.2, b: -1 }),
    });
    expect(await store.partitions()).toEqual([3]);
  });

  it('keeps topics and groups apart, even with awkward group ids', async () => {
    await new CheckpointStore(dir, 't', '..').save(snap(1));
    await new CheckpointStore(dir, 't', 'a/b').save(snap(2));
    await new CheckpointStore(dir, 'u', '..').save(snap(3));
    expect((await new CheckpointStore(dir, 't', '..').load(3))?.nextOffset).toBe(1);
    expect((await new CheckpointStore(dir, 't', 'a/b').load(3))?.nextOffset).toBe(2);
    expect((await new CheckpointStore(dir, 'u', '..').load(3))?.nextOffset).toBe(3);
    expect(await new CheckpointStore(dir, 't', 'other').load(3)).toBeNull();
  });

  it('refuses a damaged file instead of starting over silently', async () => {
    const store = new CheckpointStore(dir, 't', 'g');
    await store.save(snap(5));
    const file = store.fileFor(3);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"nextOffset\\":5', '"nextOffset\\":6'));
    await expect(store.load(3)).rejects.toThrow(/checksum mismatch/);
    await writeFile(file, text.slice(0, 20));
    await expect(store.load(3)).rejects.toBeInstanceOf(CheckpointError);
  });

  it('refuses a checkpoint of another partition copied into place', async () => {
    const store = new CheckpointStore(dir, 't', 'g');
    await store.save(snap(5));
    await writeFile(store.fileFor(4), await readFile(store.fileFor(3)));
    await expect(store.load(4)).rejects.toThrow(/belongs to t\/g\/3/);
  });

  it('ignores a half-written temp file, and removes it once stale', async () => {
    const store = new CheckpointStore(dir, 't', 'g');
    await store.save(snap(7));
    const temp = `${store.fileFor(3)}.tmp-999-deadbeef`;
    await writeFile(temp, encodeCheckpoint({ topic: 't', group: 'g', writtenAt: 'x', ...snap(8) }).slice(0, 30));
    expect((await store.load(3))?.nextOffset).toBe(7);
    expect(await store.removeStaleTemps()).toBe(0);
    const old = new Date(Date.now() - 10 * 60_000);
    await utimes(temp, old, old);
    expect(await store.removeStaleTemps()).toBe(1);
    expect((await readdir(store.folder)).sort()).toEqual(['partition-3.json']);
  });

  it('survives kill -9 in the middle of writing: the file on disk is always a whole checkpoint', async () => {
    for (const delayMs of [150, 400, 700]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/popularity/fixtures/checkpoint-writer.ts', dir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        await new Promise<void>((resolve, reject) => {
          child.once('error', reject);
          child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
          child.stdout.once('data', () => resolve());
        });
        await new Promise((r) => setTimeout(r, delayMs));
      } finally {
        child.kill('SIGKILL');
        await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
      }
      const store = new CheckpointStore(dir, 'crash-topic', 'crash-group');
      const c = await store.load(0);
      expect(c).not.toBeNull();
      expect(c!.nextOffset).toBeGreaterThanOrEqual(1);
      expect(c!.pages.page0).toBe(c!.nextOffset); // state and offset from the same write
      expect(Object.keys(c!.pages)).toHaveLength(20_000);
    }
  }, 60_000);
});

describe('decodeCheckpoint', () => {
  it('validates numbers', () => {
    const bad = encodeCheckpoint({ topic: 't', group: 'g', writtenAt: 'x', ...snap(1), consumed: -1 });
    expect(() => decodeCheckpoint('f', bad)).toThrow(/non-negative integers/);
  });
});

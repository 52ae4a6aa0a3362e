// Checkpoints per topic, group and partition: the partition's state AND the next offset in one
// file, so they can never disagree. Written to a temp file, fsynced, renamed over the old one,
// and the folder fsynced: a crash at any point leaves either the old or the new checkpoint.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PartitionSnapshot } from './state.js';
import { readTextIfExists } from '../fs/read-text-if-exists.js';

const VERSION = 1;
const STALE_TEMP_MS = 5 * 60_000;

export interface Checkpoint extends PartitionSnapshot {
  topic: string;
  group: string;
  writtenAt: string;
}

export class CheckpointError extends Error {
  constructor(readonly file: string, message: string) {
    super(`checkpoint ${file}: ${message}`);
    this.name = 'CheckpointError';
  }
}

const checksum = (body: string) => createHash('sha256').update(body).digest('hex');

/** The file text: a checksum over the body, so a damaged file is refused rather than trusted. */
export function encodeCheckpoint(c: Checkpoint): string {
  const body = JSON.stringify({ version: VERSION, ...c });
  return `${JSON.stringify({ sha256: checksum(body), body })}\n`;
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

export function decodeCheckpoint(file: string, text: string): Checkpoint {
  let outer: { sha256?: unknown; body?: unknown };
  try {
    outer = JSON.parse(text);
  } catch {
    throw new CheckpointError(file, 'not valid JSON (damaged?)');
  }
  if (typeof outer.body !== 'string' || outer.sha256 !== checksum(outer.body)) {
    throw new CheckpointError(file, 'checksum mismatch (damaged?)');
  }
  const c = JSON.parse(outer.body) as Checkpoint & { version: unknown };
  if (c.version !== VERSION) throw new CheckpointError(file, `unknown version ${String(c.version)}`);
  if (!isCount(c.partition) || !isCount(c.nextOffset) || !isCount(c.consumed) || !isCount(c.malformed)) {
    throw new CheckpointError(file, 'partition, nextOffset, consumed and malformed must be non-negative integers');
  }
  for (const [page, v] of Object.entries(c.pages ?? {})) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new CheckpointError(file, `page ${page} has no finite value`);
  }
  const { version: _v, ...checkpoint } = c;
  return checkpoint;
}

export class CheckpointStore {
  readonly folder: string;

  constructor(root: string, readonly topic: string, readonly group: string) {
    // Prefixed and URI-encoded: a group id like ".." or "a/b" stays one folder name.
    this.folder = join(root, `topic=${encodeURIComponent(topic)}`, `group=${encodeURIComponent(group)}`);
  }

  fileFor(partition: number): string {
    return join(this.folder, `partition-${partition}.json`);
  }

  /** The partition's checkpoint, null when there is none; throws CheckpointError when damaged. */
  async load(partition: number): Promise<Checkpoint | null> {
    const file = this.fileFor(partition);
    const text = await readTextIfExists(file);
    if (text === null) return null;
    const c = decodeCheckpoint(file, text);
    if (c.topic !== this.topic || c.group !== this.group || c.partition !== partition) {
      throw new CheckpointError(file, `belongs to ${c.topic}/${c.group}/${c.partition}`);
    }
    return c;
  }

  async save(snapshot: PartitionSnapshot, now = new Date()): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const file = this.fileFor(snapshot.partition);
    const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const text = encodeCheckpoint({ topic: this.topic, group: this.group, writtenAt: now.toISOString(), ...snapshot });
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    const dir = await open(this.folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** Partitions that have a checkpoint. */
  async partitions(): Promise<number[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names
      .map((n) => /^partition-(\d+)\.json$/.exec(n)?.[1])
      .filter((p): p is string => p !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /** Removes temp files left by writers that died mid-write (old enough not to be in progress). */
  async removeStaleTemps(nowMs = Date.now()): Promise<number> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    let removed = 0;
    for (const n of names.filter((x) => x.includes('.json.tmp-'))) {
      const path = join(this.folder, n);
      const info = await stat(path).catch(() => null);
      if (info && nowMs - info.mtimeMs > STALE_TEMP_MS) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

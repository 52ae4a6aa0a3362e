// The cache record next to each tarball (.cache/<name>.tgz.json): what it was made from and
// its sha512. A run whose inputs match the record and whose tarball still hashes to the
// recorded sha512 (or is still the very file last hashed: same size, mtime and inode) does no work.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { KafkaSource } from '../inventory/model.js';

export interface DistManifest {
  name: string;
  version: string;
  scala: string;
  source: KafkaSource;
  /** what decides the bytes: pom hash + recipe (maven), URL (url), file path (file) */
  inputs: Record<string, string>;
  sha512: string;
  bytes: number;
  /**
   * the tarball as it was when its sha512 was last read: while size, mtime and inode are the
   * same, the sha512 is not read again (45 MB, 70 ms on every command); absent in older records
   */
  file?: FileStamp;
}

export interface FileStamp {
  size: number;
  mtime_ms: number;
  ino: number;
}

export const fileStampOf = (s: { size: number; mtimeMs: number; ino: number }): FileStamp => ({ size: s.size, mtime_ms: s.mtimeMs, ino: s.ino });
export const sameFile = (a: FileStamp | undefined, b: FileStamp): boolean => a !== undefined && a.size === b.size && a.mtime_ms === b.mtime_ms && a.ino === b.ino;

export const manifestPath = (tarball: string): string => `${tarball}.json`;

/** True when a recorded build came from exactly the inputs asked for now. */
export function sameInputs(recorded: DistManifest, wanted: Omit<DistManifest, 'sha512' | 'bytes' | 'file'>): boolean {
  if (recorded.name !== wanted.name || recorded.version !== wanted.version) return false;
  if (recorded.scala !== wanted.scala || recorded.source !== wanted.source) return false;
  const keys = new Set([...Object.keys(recorded.inputs ?? {}), ...Object.keys(wanted.inputs)]);
  for (const key of keys) if (recorded.inputs?.[key] !== wanted.inputs[key]) return false;
  return true;
}

export async function readManifest(tarball: string): Promise<DistManifest | null> {
  try {
    return JSON.parse(await readFile(manifestPath(tarball), 'utf8')) as DistManifest;
  } catch {
    return null; // missing or unreadable: treated as "not built"
  }
}

export async function writeManifest(tarball: string, manifest: DistManifest): Promise<void> {
  const tmp = `${manifestPath(tarball)}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, manifestPath(tarball));
}

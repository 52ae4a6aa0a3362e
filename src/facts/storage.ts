// Fact: is a KRaft data folder formatted, and for which cluster and node? A formatted folder
// holds meta.properties (written once by kafka-storage format); its absence means unformatted.
// The file travels base64-encoded so no byte of it can break the section framing.
import { sh } from '../core/shell.js';

export interface MetaProperties {
  /** null: the folder is not formatted (no meta.properties) */
  clusterId: string | null;
  nodeId: number | null;
  directoryId: string | null;
}

export const UNFORMATTED: MetaProperties = { clusterId: null, nodeId: null, directoryId: null };

/** One line per folder: `<dir> <base64 of meta.properties | ->`. */
export function storageCommand(dirs: readonly string[]): string {
  if (dirs.length === 0) return 'true';
  return [
    sh`for d in ${dirs}; do`,
    '  if [ -f "$d/meta.properties" ]; then printf \'%s %s\\n\' "$d" "$(base64 -w0 < "$d/meta.properties")"; else printf \'%s -\\n\' "$d"; fi',
    'done',
  ].join('\n');
}

export function parseMetaProperties(text: string): MetaProperties {
  const value = (key: string): string | null => new RegExp(`^${key.replace('.', '\\.')}=(.*)$`, 'm').exec(text)?.[1]?.trim() ?? null;
  // version 0, as a ZooKeeper-mode broker writes it (and a migrated broker keeps it): broker.id
  const nodeId = value('node.id') ?? value('broker.id');
  return { clusterId: value('cluster.id'), nodeId: nodeId === null ? null : Number(nodeId), directoryId: value('directory.id') };
}

export function parseStorage(stdout: string, dirs: readonly string[]): Map<string, MetaProperties> {
  const lines = stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== dirs.length) throw new Error(`storage facts: expected ${dirs.length} lines, got ${lines.length}: ${stdout.slice(0, 200)}`);
  return new Map(lines.map((line, i): [string, MetaProperties] => {
    const [dir, encoded] = line.split(' ');
    if (dir === undefined || dir !== dirs[i] || encoded === undefined) throw new Error(`storage facts: unreadable line for ${dirs[i]}: ${line}`);
    return [dir, encoded === '-' ? UNFORMATTED : parseMetaProperties(Buffer.from(encoded, 'base64').toString('utf8'))];
  }));
}

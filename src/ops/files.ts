// What to do about one rendered file, given what the host has: upload (content differs or the
// file is missing), fix owner/mode in place, or nothing. Pure; "unchanged" means same sha256.
import { createHash } from 'node:crypto';
import type { PathFact } from '../facts/paths.js';
import type { HostFile } from '../render/types.js';
import { modeString } from '../remote/put.js';
import { sh } from '../core/shell.js';

export type FileAction =
  | { kind: 'upload'; file: HostFile; reason: string }
  | { kind: 'attrs'; file: HostFile; reason: string; commands: string[] }
  | { kind: 'none'; file: HostFile; reason: string };

export const sha256Of = (content: string | Buffer): string => createHash('sha256').update(content).digest('hex');

const octal = (mode: number): string => modeString(mode);

export function fileAction(file: HostFile, fact: PathFact | undefined): FileAction {
  if (!fact || fact.type === 'missing') return { kind: 'upload', file, reason: 'new file' };
  if (fact.type !== 'file') return { kind: 'upload', file, reason: `replaces a ${fact.type}` };
  if (fact.sha256 !== sha256Of(file.content)) return { kind: 'upload', file, reason: 'content changed' };
  const commands: string[] = [];
  const reasons: string[] = [];
  if (fact.owner !== file.owner || fact.group !== file.group) {
    commands.push(sh`chown -- ${`${file.owner}:${file.group}`} ${file.path}`);
    reasons.push(`owner ${fact.owner}:${fact.group} -> ${file.owner}:${file.group}`);
  }
  if (fact.mode !== file.mode) {
    commands.push(sh`chmod -- ${octal(file.mode)} ${file.path}`);
    reasons.push(`mode ${octal(fact.mode ?? 0)} -> ${octal(file.mode)}`);
  }
  if (commands.length > 0) return { kind: 'attrs', file, reason: reasons.join(', '), commands };
  return { kind: 'none', file, reason: 'up to date' };
}

// Pure builders for writing files on a host (run as root through remoteCommand, content on
// stdin). The bytes land in a temp file beside the target and are checked against their
// sha256 before anything changes; owner and mode are set on the temp file, then one rename
// swaps it in. A mount point (the lab's /etc/hosts is a bind mount) cannot be renamed over,
// so there the verified content is copied in place instead.
import { posix } from 'node:path';
import { quote, raw, sh, type ShellFragment } from '../core/shell.js';

export interface FileAttrs {
  /** user name or uid; absent: keep the existing file's owner (root for a new file) */
  owner?: string;
  /** group name or gid; absent: keep the existing file's group */
  group?: string;
  /** octal number (0o640) or chmod string ("0640", "u=rw,g=r"); absent: keep, 0644 when new */
  mode?: number | string;
}

export function modeString(mode: number | string): string {
  if (typeof mode === 'number') {
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new Error(`invalid file mode ${mode}`);
    return `0${mode.toString(8).padStart(3, '0')}`;
  }
  return mode;
}

function assertAbsolute(path: string): void {
  if (!posix.isAbsolute(path) || path.endsWith('/')) throw new Error(`remote path must be an absolute file path: ${path}`);
}

/** chown/chmod commands for `file` (a shell variable reference), only for the attributes given. */
function attrCommands(file: ShellFragment, attrs: FileAttrs): string[] {
  const cmds: string[] = [];
  const ownership = attrs.owner !== undefined || attrs.group !== undefined;
  if (ownership) {
    cmds.push(sh`chown -- ${`${attrs.owner ?? ''}${attrs.group !== undefined ? `:${attrs.group}` : ''}`} ${file}`);
  }
  if (attrs.mode !== undefined) cmds.push(sh`chmod -- ${modeString(attrs.mode)} ${file}`);
  return cmds;
}

/**
 * Script that reads the new content from stdin and installs it at `path`.
 * `sha256` is the hex digest of the content, checked on the host before it is used.
 */
export function putScript(path: string, sha256: string, attrs: FileAttrs = {}): string {
  assertAbsolute(path);
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`sha256 must be 64 lowercase hex digits: ${sha256}`);
  const dir = posix.dirname(path);
  const template = posix.join(dir, `.${posix.basename(path)}.kcp.XXXXXX`);
  const keepExisting = [
    attrs.owner === undefined && attrs.group === undefined ? 'chown --reference="$target" -- "$tmp"' : '',
    attrs.mode === undefined ? 'chmod --reference="$target" -- "$tmp"' : '',
  ].filter(Boolean);
  const defaults = attrs.mode === undefined ? ['chmod 0644 -- "$tmp"'] : [];
  return [
    `target=${quote(path)}`,
    sh`mkdir -p -- ${dir}`,
    sh`tmp=$(mktemp -- ${template})`,
    `trap 'rm -f -- "$tmp"' EXIT`,
    'cat > "$tmp"',
    `got=$(sha256sum < "$tmp" | cut -d' ' -f1)`,
    `if [ "$got" != ${sha256} ]; then echo "upload of $target corrupted: sha256 $got, expected ${sha256}" >&2; exit 1; fi`,
    'if mountpoint -q -- "$target"; then',
    ...attrCommands(raw('"$target"'), attrs).map((c) => `  ${c}`),
    '  cat -- "$tmp" > "$target"',
    'else',
    `  if [ -e "$target" ]; then ${keepExisting.length ? keepExisting.join('; ') : ':'}; else ${defaults.length ? defaults.join('; ') : ':'}; fi`,
    ...attrCommands(raw('"$tmp"'), attrs).map((c) => `  ${c}`),
    '  mv -f -- "$tmp" "$target"',
    'fi',
  ].join('\n');
}

export type HashAlgo = 'sha256' | 'sha512';
const HEX_LENGTH: Record<HashAlgo, number> = { sha256: 64, sha512: 128 };

/** Prints one line per path, in order: the hex digest, or "-" when it is not a regular file. */
export function hashScript(paths: readonly string[], algo: HashAlgo = 'sha256'): string {
  paths.forEach(assertAbsolute);
  if (paths.length === 0) return 'true';
  return [
    sh`for f in ${paths}; do`,
    `  if [ -f "$f" ]; then ${algo}sum < "$f" | cut -d' ' -f1; else echo -; fi`,
    'done',
  ].join('\n');
}

/** path -> digest (null: no such regular file). */
export function parseHashes(stdout: string, paths: readonly string[], algo: HashAlgo = 'sha256'): Map<string, string | null> {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== paths.length) {
    throw new Error(`expected ${paths.length} ${algo} lines, got ${lines.length}: ${stdout.slice(0, 200)}`);
  }
  const digest = new RegExp(`^[0-9a-f]{${HEX_LENGTH[algo]}}$`);
  const out = new Map<string, string | null>();
  paths.forEach((path, i) => {
    const line = lines[i]!.trim();
    if (line === '-') out.set(path, null);
    else if (digest.test(line)) out.set(path, line);
    else throw new Error(`not a ${algo} digest for ${path}: ${line}`);
  });
  return out;
}

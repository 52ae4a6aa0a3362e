// Fact: type, mode, owner, group and sha256 of every managed path, in one remote command, so a
// no-op provision costs one round trip per host. Parsing is strict: a line we cannot read is a
// bug or a hostile host, never "unchanged".
import { sh } from '../core/shell.js';

export type PathType = 'file' | 'dir' | 'link' | 'other' | 'missing';

export interface PathFact {
  path: string;
  type: PathType;
  /** permission bits, e.g. 0o644; null when missing */
  mode: number | null;
  owner: string | null;
  group: string | null;
  /** regular files only */
  sha256: string | null;
}

const TYPES: Record<string, PathType> = { f: 'file', d: 'dir', l: 'link', o: 'other', '-': 'missing' };

/** One line per path: `<type> <sha256|-> <mode|-> <owner|-> <group|-> <path>`. */
export function pathsCommand(paths: readonly string[]): string {
  if (paths.length === 0) return 'true';
  return [
    sh`for p in ${paths}; do`,
    `  if [ -L "$p" ]; then t=l; elif [ -f "$p" ]; then t=f; elif [ -d "$p" ]; then t=d; elif [ -e "$p" ]; then t=o; else printf -- '- - - - - %s\\n' "$p"; continue; fi`,
    `  h=-; if [ "$t" = f ]; then h=$(sha256sum < "$p"); h=\${h%% *}; fi`,
    `  printf '%s %s %s %s\\n' "$t" "$h" "$(stat -c '%a %U %G' -- "$p")" "$p"`,
    'done',
  ].join('\n');
}

export function parsePaths(stdout: string, paths: readonly string[]): Map<string, PathFact> {
  const lines = stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== paths.length) {
    throw new Error(`path facts: expected ${paths.length} lines, got ${lines.length}: ${stdout.slice(0, 200)}`);
  }
  const facts = new Map<string, PathFact>();
  lines.forEach((line, i) => {
    const m = /^([fdlo-]) (-|[0-9a-f]{64}) (-|[0-7]{1,4}) (\S+) (\S+) (.*)$/.exec(line);
    const expected = paths[i]!;
    if (!m || m[6] !== expected) throw new Error(`path facts: unreadable line for ${expected}: ${line}`);
    const type = TYPES[m[1]!]!;
    const present = type !== 'missing';
    facts.set(expected, {
      path: expected,
      type,
      mode: present ? parseInt(m[3]!, 8) : null,
      owner: present ? m[4]! : null,
      group: present ? m[5]! : null,
      sha256: m[2] === '-' ? null : m[2]!,
    });
  });
  return facts;
}

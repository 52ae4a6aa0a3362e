// Unified diffs for --dry-run, made by the system's `diff -u` on temp copies.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function unifiedDiff(path: string, before: string | null, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcp-diff-'));
  try {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    writeFileSync(a, before ?? '');
    writeFileSync(b, after);
    const r = spawnSync('diff', ['-u', '--label', before === null ? '/dev/null' : `a${path}`, '--label', `b${path}`, a, b], { encoding: 'utf8' });
    if (r.status === 0) return '';
    if (r.status !== 1) throw new Error(`diff failed: ${r.stderr || r.error?.message}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Human output of `npm run verify`: one line per check, the topic description as
// `kafka-topics --describe` prints it, and the verdict.
import type { VerifyReport } from './run.js';

export function formatVerify(r: VerifyReport): string {
  const width = Math.max(...r.checks.map((c) => c.name.length));
  const lines = r.checks.map((c) => {
    const [first, ...rest] = c.detail.split('\n');
    const head = `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(width)}  ${first ?? ''}`.trimEnd();
    // multi-line details (a topic description) are indented under their check
    return [head, ...rest.map((l) => `${' '.repeat(width + 8)}${l}`)].join('\n');
  });
  const failed = r.checks.filter((c) => !c.ok).length;
  lines.push('', r.ok ? `verify: all ${r.checks.length} checks passed (${(r.elapsed_ms / 1000).toFixed(1)} s)` : `verify: ${failed} of ${r.checks.length} checks FAILED`);
  return lines.join('\n');
}

// End-to-end tests need root (namespaces, sshd) and a built distribution. Outside CI they skip
// with the reason; in CI (CI=true) a missing requirement fails the run instead of hiding it.
import { describe } from 'vitest';

export function missingRoot(): string | null {
  return process.getuid?.() === 0 ? null : 'needs root (network namespaces, sshd)';
}

/** describe() that skips with a reason locally and fails loudly in CI. */
export function describeIf(reason: string | null, name: string, body: () => void): void {
  if (reason === null) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`${name}: requirement missing in CI: ${reason}`);
    });
  } else {
    describe.skip(`${name} (skipped: ${reason})`, body);
  }
}

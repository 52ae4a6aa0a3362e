// Some tests need root (namespaces, sshd, chown, mounts) or a built distribution. Outside CI they
// skip with the reason; in CI a missing requirement fails the run instead of hiding it.
import { describe, it } from 'vitest';

export function missingRoot(why = 'network namespaces, sshd'): string | null {
  return process.getuid?.() === 0 ? null : `needs root (${why})`;
}

/**
 * Whether this run is CI, where every requirement must be met: CI set to anything but empty,
 * "false" or "0" (CI services set CI=true, some CI=1; CI=false turns it off explicitly).
 */
export function ciRequiresAll(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase() ?? '';
  return ci !== '' && ci !== 'false' && ci !== '0';
}

/** What becomes of a test or group whose requirement is missing (`reason`), or met (null). */
export function requirementOutcome(reason: string | null, env: NodeJS.ProcessEnv = process.env): 'run' | 'fail' | 'skip' {
  if (reason === null) return 'run';
  return ciRequiresAll(env) ? 'fail' : 'skip';
}

/** describe() that skips with a reason locally and fails loudly in CI. */
export function describeIf(reason: string | null, name: string, body: () => void): void {
  const outcome = requirementOutcome(reason);
  if (outcome === 'run') {
    describe(name, body);
  } else if (outcome === 'fail') {
    describe(name, () => {
      throw new Error(`${name}: requirement missing in CI: ${reason}`);
    });
  } else {
    describe.skip(`${name} (skipped: ${reason})`, body);
  }
}

/** it() that skips with a reason locally and fails loudly in CI. */
export function itIf(reason: string | null, name: string, fn: () => unknown | Promise<unknown>, timeout?: number): void {
  const outcome = requirementOutcome(reason);
  if (outcome === 'run') {
    it(name, fn, timeout);
  } else if (outcome === 'fail') {
    it(name, () => {
      throw new Error(`${name}: requirement missing in CI: ${reason}`);
    });
  } else {
    it.skip(`${name} (skipped: ${reason})`, fn);
  }
}

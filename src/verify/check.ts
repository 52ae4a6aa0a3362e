// One named verification result. A check that throws becomes a failed check with the error's
// message, so one broken part never hides the results of the others.

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export const pass = (name: string, detail: string): Check => ({ name, ok: true, detail });
export const fail = (name: string, detail: string): Check => ({ name, ok: false, detail });

/** Thrown inside a check body: fails the check with exactly this detail. */
export class CheckFailed extends Error {}

/**
 * An error as one line of detail. Client libraries wrap per-item errors in an aggregate whose
 * own message says little ("Topic creation errors"): the inner messages are the useful part.
 */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const inner = (err as { errors?: unknown }).errors;
  if (!Array.isArray(inner) || inner.length === 0) return err.message;
  const reasons = [...new Set(inner.map((e) => (e instanceof Error ? e.message : String(e))))];
  return `${err.message}: ${reasons.join('; ')}`;
}

/** Runs `body`; its returned text is the detail of a passed check, a throw fails it. */
export async function check(name: string, body: () => Promise<string>): Promise<Check> {
  try {
    return pass(name, await body());
  } catch (err) {
    return fail(name, errorText(err));
  }
}

export const allOk = (checks: Check[]): boolean => checks.length > 0 && checks.every((c) => c.ok);

// Bounded parallel work across hosts: at most `limit` at once, every host attempted even when
// some fail, failures collected with host names (no unbounded Promise.all, no fail-fast).
import { OperationError } from '../core/errors.js';

export type HostOutcome<T> =
  | { host: string; ok: true; value: T; ms: number }
  | { host: string; ok: false; error: unknown; ms: number };

export class FanOutError extends OperationError {
  constructor(readonly failures: { host: string; error: unknown }[], total: number) {
    const lines = failures.map((f) => `  ${f.host}: ${indent(messageOf(f.error))}`);
    super(`${failures.length} of ${total} hosts failed:\n${lines.join('\n')}`);
    this.name = 'FanOutError';
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function indent(text: string): string {
  return text.replaceAll('\n', '\n    ');
}

/** Runs fn for every host, at most `limit` concurrently; outcomes in the order of `hosts`. */
export async function forEachHost<H extends { name: string }, T>(
  hosts: readonly H[],
  limit: number,
  fn: (host: H) => Promise<T>,
): Promise<HostOutcome<T>[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`fan-out limit must be a positive integer, got ${limit}`);
  const outcomes: HostOutcome<T>[] = new Array(hosts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < hosts.length) {
      const i = next++;
      const host = hosts[i]!;
      const started = performance.now();
      try {
        const value = await fn(host);
        outcomes[i] = { host: host.name, ok: true, value, ms: performance.now() - started };
      } catch (error) {
        outcomes[i] = { host: host.name, ok: false, error, ms: performance.now() - started };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, hosts.length) }, worker));
  return outcomes;
}

/** Like forEachHost, but returns host name -> value and throws one FanOutError naming every failed host. */
export async function mapHosts<H extends { name: string }, T>(
  hosts: readonly H[],
  limit: number,
  fn: (host: H) => Promise<T>,
): Promise<Map<string, T>> {
  return valuesOrThrow(await forEachHost(hosts, limit, fn));
}

export function valuesOrThrow<T>(outcomes: HostOutcome<T>[]): Map<string, T> {
  const failures = outcomes.flatMap((o) => (o.ok ? [] : [{ host: o.host, error: o.error }]));
  if (failures.length > 0) throw new FanOutError(failures, outcomes.length);
  return new Map(outcomes.map((o) => [o.host, (o as { value: T }).value]));
}

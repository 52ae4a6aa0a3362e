// Health gates: poll (deadline + backoff) until the cluster is in the wanted state. A gate that
// times out fails the command with the host, what was expected, what was seen, and the tail
// of that host's service log (saved under .artifacts/<host>/).
import { OperationError } from '../core/errors.js';
import type { Service } from '../render/layout.js';
import { poll, PollTimeoutError } from '../core/poll.js';
import { fetchServiceLog } from './artifacts.js';
import type { Ctx } from './context.js';

export class GateError extends OperationError {
  constructor(
    readonly gate: string,
    readonly hosts: string[],
    message: string,
  ) {
    super(message);
    this.name = 'GateError';
  }
}

export interface Gate<T> {
  /** what is awaited: "ZooKeeper quorum with exactly one leader" */
  expected: string;
  deadlineMs: number;
  read: () => Promise<T>;
  /** the hosts/services not yet as wanted, with what was seen on each; empty = pass */
  failing: (value: T) => Array<{ host: string; service: Service; seen: string }>;
}

/** A gate still failing after this long says what it waits on (again whenever that changes). */
const EXPLAIN_AFTER_MS = 3000;
const EXPLAIN_EVERY_MS = 5000;

export async function awaitGate<T>(ctx: Ctx, gate: Gate<T>): Promise<T> {
  let last: Array<{ host: string; service: Service; seen: string }> = [];
  const started = performance.now();
  let explained = '';
  let explainedAt = -Infinity;
  const explain = (): void => {
    const now = performance.now();
    const text = last.map((f) => `${f.host}: ${f.seen}`).join('; ');
    if (now - started < EXPLAIN_AFTER_MS || text === explained || now - explainedAt < EXPLAIN_EVERY_MS) return;
    ctx.progress.note(`waiting for ${gate.expected}: ${text}`);
    explained = text;
    explainedAt = now;
  };
  try {
    return await poll(gate.read, {
      describe: gate.expected,
      deadlineMs: gate.deadlineMs * ctx.deadlineScale,
      intervalMs: 250,
      backoff: 1.5,
      maxIntervalMs: 1000,
      until: (v) => {
        last = gate.failing(v);
        if (last.length > 0) explain();
        return last.length === 0;
      },
      show: () => last.map((f) => `${f.host}: ${f.seen}`).join('; '),
    });
  } catch (err) {
    if (!(err instanceof PollTimeoutError)) throw err;
    throw await gateFailure(ctx, gate.expected, err, last);
  }
}

async function gateFailure(ctx: Ctx, expected: string, err: PollTimeoutError, failing: Array<{ host: string; service: Service; seen: string }>): Promise<GateError> {
  const parts = [`gate failed: ${err.message}`];
  for (const f of failing) {
    parts.push(`${f.host} (${f.service}): expected ${expected}; seen: ${f.seen}`);
    try {
      const log = await fetchServiceLog(await ctx.sessions.session(f.host), f.service, ctx.artifactsDir);
      parts.push(`  last lines of the ${f.service} logs (saved to ${log.file}):`, ...log.tail.map((l) => `    ${l}`));
    } catch (e) {
      parts.push(`  (could not fetch the ${f.service} log: ${(e as Error).message})`);
    }
  }
  return new GateError(expected, failing.map((f) => f.host), parts.join('\n'));
}

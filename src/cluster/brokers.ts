// Gates over the partitions the brokers hold: nothing under-replicated after a restart, and
// Strimzi's rule before a broker may stop (no partition loses its last in-sync replica).
import type { Ctx } from './context.js';
import { awaitGate } from './gates.js';
import { hostOf } from './registration.js';
import { underReplicated, type PartitionState } from './safety.js';

export const URP_DEADLINE_MS = 120_000;

export function waitNoUnderReplicated(ctx: Ctx, restarted: number): Promise<unknown> {
  return awaitGate(ctx, {
    expected: `no under-replicated partition after restarting broker ${restarted}`,
    deadlineMs: URP_DEADLINE_MS,
    read: () => ctx.kafka.snapshot(),
    failing: (s) => {
      const urp = underReplicated(s.partitions);
      if (urp.length === 0 && s.brokers.includes(restarted)) return [];
      const seen = s.brokers.includes(restarted) ? `${urp.length} under-replicated: ${describe(urp)}` : `broker ${restarted} not registered`;
      return [{ host: hostOf(ctx, restarted).name, service: 'kafka' as const, seen }];
    },
  });
}

function describe(ps: PartitionState[]): string {
  const shown = ps.slice(0, 5).map((p) => `${p.topic}-${p.partition} ISR [${p.isr.join(',')}] of [${p.replicas.join(',')}]`);
  return `${shown.join(', ')}${ps.length > 5 ? `, ... (${ps.length - 5} more)` : ''}`;
}

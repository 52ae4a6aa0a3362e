// The broker gate: every process with the broker role runs, answers requests itself, and the
// cluster metadata lists it beside a controller. A ZooKeeper-mode broker serves only after it
// registered with its own session; a KRaft broker opens its listener only once unfenced, and the
// metadata lists only unfenced brokers. So the same three checks hold in both modes.
import type { Host } from '../inventory/model.js';
import type { Ctx } from './context.js';
import { awaitGate } from './gates.js';
import { processOf } from './services.js';

export const REGISTER_DEADLINE_MS = 90_000;

export const hostOf = (ctx: Ctx, id: number): Host => {
  const h = ctx.cluster.brokers.find((b) => b.brokerId === id);
  if (!h) throw new Error(`broker ${id} is not in the inventory`);
  return h;
};

interface BrokerProbe {
  id: number;
  host: string;
  running: boolean;
  answers: boolean;
}

async function probe(ctx: Ctx, b: Host): Promise<BrokerProbe> {
  const [proc, answers] = await Promise.all([
    processOf(ctx, b.name, 'kafka'),
    ctx.kafka.answers(b.address).catch(() => false),
  ]);
  return { id: b.brokerId!, host: b.name, running: proc.running, answers };
}

/**
 * Every broker process runs and answers requests itself (so it registered, or was unfenced),
 * and the cluster metadata lists every broker and a controller.
 */
export function waitRegistered(ctx: Ctx): Promise<{ brokers: number[]; controller: number | null }> {
  const wanted = ctx.cluster.brokers.map((b) => b.brokerId!);
  let probes: BrokerProbe[] = [];
  const registered = ctx.cluster.mode === 'kraft' ? 'registered and unfenced' : 'registered';
  return awaitGate(ctx, {
    expected: `brokers [${wanted.join(', ')}] running, answering, and ${registered} in the cluster metadata with a controller`,
    deadlineMs: REGISTER_DEADLINE_MS,
    read: async () => {
      probes = await Promise.all(ctx.cluster.brokers.map((b) => probe(ctx, b)));
      return ctx.kafka.brokers();
    },
    failing: (v) => {
      const down = probes.filter((p) => !p.running || !p.answers);
      if (down.length > 0) {
        return down.map((p) => ({ host: p.host, service: 'kafka' as const, seen: p.running ? 'process running but not answering requests' : 'process not running' }));
      }
      const missing = wanted.filter((id) => !v.brokers.includes(id));
      const seen = `metadata lists brokers [${v.brokers.join(', ')}], controller ${v.controller ?? 'none'}`;
      if (missing.length > 0) return missing.map((id) => ({ host: hostOf(ctx, id).name, service: 'kafka' as const, seen }));
      return v.controller === null || v.controller < 0 ? [{ host: ctx.cluster.brokers[0]!.name, service: 'kafka' as const, seen }] : [];
    },
  });
}

// Broker registration gates. A ZooKeeper-mode broker is "registered" when its process runs,
// it answers requests itself (it serves only after registering with its own session), and the
// cluster metadata lists it next to a controller.
import type { Host } from '../inventory/model.js';
import { brokerSettings } from '../render/settings.js';
import type { Ctx } from './context.js';
import { awaitGate } from './gates.js';
import { processOf } from './services.js';

export const REGISTER_DEADLINE_MS = 90_000;
/** zookeeper.session.timeout.ms (18 s by default here) plus margin */
export const STALE_REGISTRATION_DEADLINE_MS = 45_000;

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
 * Every broker process runs and answers requests itself (so it registered with its own
 * session), and the cluster metadata lists every broker and a controller.
 */
export function waitRegistered(ctx: Ctx): Promise<{ brokers: number[]; controller: number | null }> {
  const wanted = ctx.cluster.brokers.map((b) => b.brokerId!);
  let probes: BrokerProbe[] = [];
  return awaitGate(ctx, {
    expected: `brokers [${wanted.join(', ')}] running, answering, and listed in the cluster metadata with a controller`,
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

/** How long ZooKeeper keeps a dead broker's session (and its registration), as rendered. */
export function sessionTimeoutMs(ctx: Ctx): number {
  const first = ctx.cluster.brokers[0];
  const value = first ? brokerSettings(ctx.cluster, first).find((s) => s.key === 'zookeeper.session.timeout.ms')?.value : undefined;
  return Number(value ?? 18_000);
}

/**
 * A broker that died without a clean stop stays registered until its ZooKeeper session
 * expires; a new process with the same id would fail with NodeExists. When another broker can
 * be asked, wait until the metadata no longer lists the crashed ones; when none runs, nobody
 * can be asked, so wait out the session timeout once.
 */
export async function waitStaleRegistrationsGone(ctx: Ctx, crashed: number[], othersRunning: boolean): Promise<void> {
  if (crashed.length === 0) return;
  if (!othersRunning) {
    const ms = sessionTimeoutMs(ctx) + 2000;
    ctx.progress.note(`Kafka: brokers [${crashed.join(', ')}] died without a clean stop and no broker runs; waiting ${ms / 1000} s for their ZooKeeper sessions to expire`);
    await new Promise((r) => setTimeout(r, ms));
    return;
  }
  ctx.progress.note(`Kafka: brokers [${crashed.join(', ')}] died without a clean stop; waiting until their registrations expire`);
  await awaitGate(ctx, {
    expected: `stale registrations of brokers [${crashed.join(', ')}] expired (ZooKeeper session timeout)`,
    deadlineMs: STALE_REGISTRATION_DEADLINE_MS,
    read: async () => (await ctx.kafka.brokers()).brokers,
    failing: (listed) => crashed.filter((id) => listed.includes(id)).map((id) => ({ host: hostOf(ctx, id).name, service: 'kafka' as const, seen: `broker ${id} still registered by a process that no longer runs` })),
  });
}

// The brokers: registration gate (every broker in the cluster metadata, a controller elected),
// the under-replication gate, ordered stop (controller last, controlled shutdown), and the
// safe restart of one broker (Strimzi's rule before stopping it).
import { forEachHost } from '../remote/fanout.js';
import type { Ctx } from './context.js';
import { awaitGate } from './gates.js';
import { controllerLast, restartBlockers, underReplicated, type PartitionState } from './safety.js';
import { hostOf, waitRegistered, waitStaleRegistrationsGone } from './registration.js';
import { processOf, startService, stopService, type ServiceOutcome } from './services.js';

export const URP_DEADLINE_MS = 120_000;
export const SAFE_TO_STOP_DEADLINE_MS = 120_000;


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

function waitSafeToStop(ctx: Ctx, id: number): Promise<unknown> {
  return awaitGate(ctx, {
    expected: `broker ${id} safe to stop (no partition would lose its last in-sync replica)`,
    deadlineMs: SAFE_TO_STOP_DEADLINE_MS,
    read: () => ctx.kafka.snapshot(),
    failing: (s) => {
      const blockers = restartBlockers(id, s.partitions);
      return blockers.length === 0 ? [] : [{ host: hostOf(ctx, id).name, service: 'kafka' as const, seen: blockers.slice(0, 3).join('; ') }];
    },
  });
}

function describe(ps: PartitionState[]): string {
  const shown = ps.slice(0, 5).map((p) => `${p.topic}-${p.partition} ISR [${p.isr.join(',')}] of [${p.replicas.join(',')}]`);
  return `${shown.join(', ')}${ps.length > 5 ? `, ... (${ps.length - 5} more)` : ''}`;
}

export async function startBrokers(ctx: Ctx, hosts = ctx.cluster.brokers.map((b) => b.name)): Promise<ServiceOutcome[]> {
  ctx.progress.note(`Kafka: starting brokers on ${hosts.join(', ')}`);
  const procs = await Promise.all(ctx.cluster.brokers.map(async (b) => ({ b, p: await processOf(ctx, b.name, 'kafka') })));
  const crashed = procs.filter(({ b, p }) => hosts.includes(b.name) && !p.running && p.crashed).map(({ b }) => b.brokerId!);
  await waitStaleRegistrationsGone(ctx, crashed, procs.some(({ p }) => p.running));
  const outcomes = await forEachHost(hosts.map((name) => ({ name })), 8, ({ name }) => startService(ctx, name, 'kafka'));
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) throw failed.error;
  const reg = await waitRegistered(ctx);
  ctx.progress.note(`Kafka: brokers [${reg.brokers.join(', ')}] registered, controller ${reg.controller}`);
  return outcomes.map((o) => (o as { value: ServiceOutcome }).value);
}

/** The controller last; one at a time so each shutdown is a controlled one. */
export async function stopBrokers(ctx: Ctx): Promise<ServiceOutcome[]> {
  const controller = await ctx.kafka.brokers().then((v) => v.controller, () => null);
  const order = controllerLast(ctx.cluster.brokers.map((b) => b.brokerId!), controller);
  ctx.progress.note(`Kafka: stopping brokers ${order.join(', ')}${controller !== null ? ` (controller ${controller} last)` : ''}`);
  await ctx.kafka.close(); // our admin connection must not hold a broker's shutdown up
  const out: ServiceOutcome[] = [];
  for (const id of order) out.push(await stopService(ctx, hostOf(ctx, id).name, 'kafka'));
  return out;
}

/** Safe restart of one broker: wait until stopping it is safe, stop, start, registered, nothing under-replicated. */
export async function restartBroker(ctx: Ctx, id: number): Promise<ServiceOutcome> {
  const host = hostOf(ctx, id).name;
  ctx.progress.host(host, `kafka: waiting until broker ${id} is safe to stop`);
  await waitSafeToStop(ctx, id);
  await stopService(ctx, host, 'kafka');
  const started = await startService(ctx, host, 'kafka');
  await waitRegistered(ctx);
  ctx.progress.host(host, `kafka: waiting for broker ${id} to catch up`);
  await waitNoUnderReplicated(ctx, id);
  ctx.progress.host(host, `kafka restarted (pid ${started.pid ?? '?'}), nothing under-replicated`);
  return started;
}

/** The given brokers (all by default), by id with the current controller last. */
export async function rollBrokers(ctx: Ctx, ids?: number[]): Promise<number[]> {
  const wanted = ids ?? ctx.cluster.brokers.map((b) => b.brokerId!);
  const { controller } = await ctx.kafka.brokers();
  const order = controllerLast(wanted, controller);
  for (const id of order) await restartBroker(ctx, id);
  return order;
}

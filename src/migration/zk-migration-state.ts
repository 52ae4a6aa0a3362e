// The migration's own state, as each KRaft controller reports it: the ZkMigrationState metric
// (kafka.controller:type=KafkaController,name=ZkMigrationState) and the count of brokers still in
// ZooKeeper mode (MigratingZkBrokerCount), read from the controllers' JMX exporters. Every
// controller replays the same metadata log, so they agree once caught up; a gate waits until all
// of them report the wanted state. ZooKeeper-mode brokers report a fixed 4 (ZK) and are not read.
import { scrapeProcess } from '../metrics/scrape.js';
import { sumOf, type Sample } from '../metrics/exposition.js';
import type { Ctx } from '../cluster/context.js';
import { awaitGate } from '../cluster/gates.js';
import type { Process } from '../inventory/model.js';
import { forEachHost } from '../remote/fanout.js';

/** Kafka's ZkMigrationState, by the byte the metric carries (metadata/.../migration/ZkMigrationState.java). */
export const ZK_MIGRATION_STATES: Readonly<Record<number, string>> = { 0: 'NONE', 1: 'MIGRATION', 2: 'PRE_MIGRATION', 3: 'POST_MIGRATION', 4: 'ZK' };

export type ZkMigrationStateName = 'NONE' | 'MIGRATION' | 'PRE_MIGRATION' | 'POST_MIGRATION' | 'ZK';

export interface ControllerMigrationView {
  process: Process;
  /** null: no answer, or no metadata published yet (-1) */
  state: string | null;
  zkBrokers: number | null;
  seen: string;
}

export const STATE_METRIC = 'kafka_controller_kafkacontroller_zkmigrationstate';
export const ZK_BROKERS_METRIC = 'kafka_controller_kafkacontroller_migratingzkbrokercount';

/** Pure: one controller's view from its samples. */
export function migrationViewOf(process: Process, samples: readonly Sample[]): ControllerMigrationView {
  const value = sumOf(samples, STATE_METRIC);
  const zkBrokers = sumOf(samples, ZK_BROKERS_METRIC);
  const state = value === null ? null : ZK_MIGRATION_STATES[value] ?? null;
  const seen = value === null ? 'no ZkMigrationState metric' : `ZkMigrationState ${state ?? value}${zkBrokers === null ? '' : `, ${zkBrokers} broker(s) in ZooKeeper mode`}`;
  return { process, state, zkBrokers, seen };
}

export async function readMigrationState(ctx: Ctx, controllers: readonly Process[]): Promise<ControllerMigrationView[]> {
  const outcomes = await forEachHost(controllers.map((p) => ({ name: p.name, p })), 8, ({ p }) => scrapeProcess(ctx.cluster, p, 5000));
  return outcomes.map((o, i) => {
    const p = controllers[i]!;
    return o.ok ? migrationViewOf(p, o.value) : { process: p, state: null, zkBrokers: null, seen: `metrics not answered: ${(o.error as Error).message}` };
  });
}

/** The state every controller reports, or null while they disagree or one does not answer. */
export function agreedState(views: readonly ControllerMigrationView[]): string | null {
  const states = new Set(views.map((v) => v.state));
  return states.size === 1 ? [...states][0]! : null;
}

/** The states a migration passes through, in order; a gate for one is also passed by the ones after it. */
export const MIGRATION_ORDER: readonly ZkMigrationStateName[] = ['PRE_MIGRATION', 'MIGRATION', 'POST_MIGRATION'];

/** Pure: has this controller reached `want` (or gone beyond it)? `zkBrokers` counts only while in MIGRATION. */
export function reached(view: Pick<ControllerMigrationView, 'state' | 'zkBrokers'>, want: { state: ZkMigrationStateName; zkBrokers?: number }): boolean {
  const have = MIGRATION_ORDER.indexOf(view.state as ZkMigrationStateName);
  const need = MIGRATION_ORDER.indexOf(want.state);
  if (have < 0 || have < need) return false;
  return have > need || want.zkBrokers === undefined || view.zkBrokers === want.zkBrokers;
}

/**
 * Waits until every controller reports `state` or a later one (and, while in MIGRATION, with
 * `zkBrokers`, that many brokers still in ZooKeeper mode).
 */
export function waitMigrationState(ctx: Ctx, controllers: readonly Process[], want: { state: ZkMigrationStateName; zkBrokers?: number; deadlineMs: number }): Promise<ControllerMigrationView[]> {
  const brokers = want.zkBrokers === undefined ? '' : ` and ${want.zkBrokers} broker(s) in ZooKeeper mode`;
  return awaitGate(ctx, {
    expected: `every controller reporting ZkMigrationState ${want.state}${brokers} (or beyond)`,
    deadlineMs: want.deadlineMs,
    read: () => readMigrationState(ctx, controllers),
    failing: (views) =>
      views
        .filter((v) => !reached(v, want))
        .map((v) => ({ host: v.process.host.name, service: v.process.service, seen: v.seen })),
  });
}

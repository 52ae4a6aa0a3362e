// The phases of a migration to KRaft as data, in Kafka's documented order, and the rule that
// decides what a phase still has to do given the facts of the hosts. Every phase moves one kind
// of process to one level; a process already there (or beyond) is left alone, so running the
// migration again continues where the cluster actually is. Pure.
import { hasRole, type Process } from '../inventory/model.js';
import { BROKER_LEVELS, CONTROLLER_LEVELS, type KafkaProcessFact, type Level } from './facts.js';
import type { ClusterStage } from './stages.js';

export type PhaseName = 'controllers' | 'dual-write' | 'kraft-brokers' | 'finalize' | 'zookeeper-off';

export interface Phase {
  name: PhaseName;
  /** the cluster whose rendering the phase puts in place */
  stage: ClusterStage;
  /** the processes it moves */
  moves: 'controller' | 'broker' | 'zookeeper';
  /** where it moves them */
  level: Level | 'stopped';
  /** what it does, for people */
  does: string;
  /** false: after this phase the cluster cannot go back to ZooKeeper */
  reversible: boolean;
}

export const PHASES: readonly Phase[] = [
  { name: 'controllers', stage: 'controllers', moves: 'controller', level: 'migrating', reversible: true, does: 'KRaft controllers formatted with the ZooKeeper cluster id and started in migration mode' },
  { name: 'dual-write', stage: 'dual-write', moves: 'broker', level: 'dual-write', reversible: true, does: 'brokers rolled into migration mode; the controllers copy the metadata out of ZooKeeper (ZkMigrationState MIGRATION) and write every change to both' },
  { name: 'kraft-brokers', stage: 'kraft-brokers', moves: 'broker', level: 'kraft', reversible: true, does: 'brokers rolled to KRaft (process.roles=broker, the KRaft authorizer, no ZooKeeper)' },
  { name: 'finalize', stage: 'finalized', moves: 'controller', level: 'kraft', reversible: false, does: 'controllers rolled without ZooKeeper (ZkMigrationState POST_MIGRATION): no way back' },
  { name: 'zookeeper-off', stage: 'kraft', moves: 'zookeeper', level: 'stopped', reversible: false, does: 'ZooKeeper stopped and its launch scripts disabled; its data is kept' },
];

export const PHASE_NAMES: readonly PhaseName[] = PHASES.map((p) => p.name);

export const phaseNamed = (name: PhaseName): Phase => PHASES.find((p) => p.name === name)!;

const rank = (p: Pick<Process, 'roles'>, level: Level): number => (hasRole(p, 'controller') ? (CONTROLLER_LEVELS as readonly Level[]) : (BROKER_LEVELS as readonly Level[])).indexOf(level);

/** A Kafka process the phase must (re)start, and why. */
export interface Move {
  process: Process;
  reason: string;
  /** runs now: it must roll behind the gates, not just start */
  running: boolean;
}

/**
 * What moving the processes of one kind to `target` still takes: those on the wrong side of it
 * (below it going up, a migration; above it going down, a rollback), and those at it that do not
 * run or run an older config. Empty when every one is there (or, going up, beyond).
 */
export function movesTo(kind: 'controller' | 'broker', target: Level, facts: readonly KafkaProcessFact[], direction: 'up' | 'down' = 'up'): Move[] {
  return facts
    .filter((f) => (kind === 'controller' ? hasRole(f.process, 'controller') : !hasRole(f.process, 'controller')))
    .flatMap((f): Move[] => {
      const have = rank(f.process, f.level);
      const want = rank(f.process, target);
      const wrongSide = direction === 'up' ? have < want : have > want;
      if (wrongSide) return [{ process: f.process, running: f.pid !== null, reason: `${f.level} -> ${target}` }];
      if (have !== want) return [];
      if (f.pid === null) return [{ process: f.process, running: false, reason: `${target}, not running` }];
      return f.stale ? [{ process: f.process, running: true, reason: `${target} config written after pid ${f.pid} started` }] : [];
    });
}

/** What `phase` still has to do to the Kafka processes it moves. */
export function kafkaMoves(phase: Phase, facts: readonly KafkaProcessFact[]): Move[] {
  if (phase.level === 'stopped' || phase.moves === 'zookeeper') return [];
  return movesTo(phase.moves, phase.level, facts);
}

/**
 * The level a process runs at: its config's, or the one below while it still runs an older
 * config (a run killed between the upload and the restart).
 */
export function runningLevel(f: KafkaProcessFact): Level {
  const levels = (hasRole(f.process, 'controller') ? CONTROLLER_LEVELS : BROKER_LEVELS) as readonly Level[];
  return f.stale ? levels[Math.max(0, levels.indexOf(f.level) - 1)]! : f.level;
}

/** Where the cluster stands, read from the levels its processes run at and whether ZooKeeper runs. */
export function stageOf(facts: readonly KafkaProcessFact[], zookeeperRuns: boolean): ClusterStage {
  const levels = (controller: boolean) => facts.filter((f) => hasRole(f.process, 'controller') === controller).map(runningLevel);
  const controllers = levels(true);
  const brokers = levels(false);
  if (controllers.some((l) => l === 'kraft')) return zookeeperRuns ? 'finalized' : 'kraft';
  if (controllers.length === 0 || controllers.some((l) => l === 'none')) return 'zookeeper';
  if (brokers.every((l) => l === 'kraft')) return 'kraft-brokers';
  return brokers.every((l) => l !== 'zookeeper') ? 'dual-write' : 'controllers';
}

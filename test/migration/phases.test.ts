import { describe, expect, it } from 'vitest';
import type { KafkaProcessFact, Level } from '../../src/migration/facts.js';
import { kafkaMoves, movesTo, PHASES, phaseNamed, stageOf } from '../../src/migration/phases.js';
import { migrationSource } from '../support/migration-inventory.js';

const source = migrationSource();
const kafka = source.processes.filter((p) => p.service === 'kafka' || p.service === 'controller');
/** facts with each process at its level: "b" brokers, "c" controllers, in host order; pid 100+i unless listed as down */
function facts(brokers: Level[], controllers: Level[], o: { down?: string[]; stale?: string[] } = {}): KafkaProcessFact[] {
  const levels = { kafka: brokers, controller: controllers } as const;
  return kafka.map((process, i) => {
    const hostIndex = Number(process.host.name.slice(-1)) - 1;
    const level = levels[process.service as 'kafka' | 'controller'][hostIndex]!;
    const down = o.down?.includes(process.name) || level === 'none';
    return { process, level, pid: down ? null : 100 + i, stale: o.stale?.includes(process.name) ?? false };
  });
}
const moved = (moves: ReturnType<typeof movesTo>) => moves.map((m) => `${m.process.name}: ${m.reason}${m.running ? '' : ' (start)'}`);

describe('the phases, as data', () => {
  it('follow Kafka\'s procedure; only the last two cannot be undone', () => {
    expect(PHASES.map((p) => [p.name, p.stage, p.moves, p.level, p.reversible])).toEqual([
      ['controllers', 'controllers', 'controller', 'migrating', true],
      ['dual-write', 'dual-write', 'broker', 'dual-write', true],
      ['kraft-brokers', 'kraft-brokers', 'broker', 'kraft', true],
      ['finalize', 'finalized', 'controller', 'kraft', false],
      ['zookeeper-off', 'kraft', 'zookeeper', 'stopped', false],
    ]);
  });
});

describe('what a phase still has to do', () => {
  it('moves the processes below its level, and leaves those at or beyond it', () => {
    const f = facts(['dual-write', 'zookeeper', 'kraft'], ['migrating', 'migrating', 'migrating']);
    expect(moved(kafkaMoves(phaseNamed('dual-write'), f))).toEqual(['node02/kafka: zookeeper -> dual-write']);
    expect(moved(kafkaMoves(phaseNamed('controllers'), f))).toEqual([]);
    expect(moved(kafkaMoves(phaseNamed('kraft-brokers'), f))).toEqual(['node01/kafka: dual-write -> kraft', 'node02/kafka: zookeeper -> kraft']);
  });

  it('starts one at its level that does not run, and rolls one that runs an older config (killed between upload and restart)', () => {
    const f = facts(['dual-write', 'dual-write', 'dual-write'], ['migrating', 'migrating', 'none'], { down: ['node02/controller'], stale: ['node03/kafka'] });
    expect(moved(kafkaMoves(phaseNamed('controllers'), f))).toEqual(['node02/controller: migrating, not running (start)', 'node03/controller: none -> migrating (start)']);
    expect(moved(kafkaMoves(phaseNamed('dual-write'), f))).toEqual(['node03/kafka: dual-write config written after pid 105 started']);
  });

  it('a rollback moves down: the brokers above the level, never those below it', () => {
    const f = facts(['kraft', 'dual-write', 'zookeeper'], ['migrating', 'migrating', 'migrating']);
    expect(moved(movesTo('broker', 'dual-write', f, 'down'))).toEqual(['node01/kafka: kraft -> dual-write']);
    expect(moved(movesTo('broker', 'zookeeper', f, 'down'))).toEqual(['node01/kafka: kraft -> zookeeper', 'node02/kafka: dual-write -> zookeeper']);
  });

  it('ZooKeeper\'s phase moves no Kafka process', () => {
    expect(kafkaMoves(phaseNamed('zookeeper-off'), facts(['kraft', 'kraft', 'kraft'], ['kraft', 'kraft', 'kraft']))).toEqual([]);
  });
});

describe('where the cluster stands', () => {
  const z = 'zookeeper' as const;
  it.each<[string, Level[], Level[], boolean, string]>([
    ['no controller yet', [z, z, z], ['none', 'none', 'none'], true, 'zookeeper'],
    ['a controller missing', [z, z, z], ['migrating', 'none', 'migrating'], true, 'zookeeper'],
    ['controllers, brokers untouched', [z, z, z], ['migrating', 'migrating', 'migrating'], true, 'controllers'],
    ['halfway through the dual-write roll', ['dual-write', z, z], ['migrating', 'migrating', 'migrating'], true, 'controllers'],
    ['every broker in migration mode', ['dual-write', 'dual-write', 'dual-write'], ['migrating', 'migrating', 'migrating'], true, 'dual-write'],
    ['halfway to KRaft brokers', ['kraft', 'dual-write', 'dual-write'], ['migrating', 'migrating', 'migrating'], true, 'dual-write'],
    ['every broker in KRaft', ['kraft', 'kraft', 'kraft'], ['migrating', 'migrating', 'migrating'], true, 'kraft-brokers'],
    ['a controller finalized', ['kraft', 'kraft', 'kraft'], ['kraft', 'migrating', 'migrating'], true, 'finalized'],
    ['ZooKeeper stopped', ['kraft', 'kraft', 'kraft'], ['kraft', 'kraft', 'kraft'], false, 'kraft'],
  ])('%s', (_what, brokers, controllers, zookeeperRuns, stage) => {
    expect(stageOf(facts(brokers, controllers), zookeeperRuns)).toBe(stage);
  });

  it('a process that runs an older config than its file counts at the level below (killed between upload and restart)', () => {
    const d = 'dual-write' as const;
    const f = facts([d, d, d], ['migrating', 'migrating', 'migrating'], { stale: ['node02/kafka', 'node03/kafka'] });
    expect(stageOf(f, true)).toBe('controllers');
    expect(stageOf(facts([d, d, d], ['migrating', 'migrating', 'migrating']), true)).toBe('dual-write');
  });
});

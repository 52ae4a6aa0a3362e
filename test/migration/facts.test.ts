import { describe, expect, it } from 'vitest';
import { kafkaConfigsCommand, levelOf, parseKafkaConfigs } from '../../src/migration/facts.js';
import { migrationSource } from '../support/migration-inventory.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('a Kafka process\'s level, read from its server.properties', () => {
  const broker = { roles: ['broker' as const] };
  const controller = { roles: ['controller' as const] };
  it('brokers: ZooKeeper mode, in migration (dual-write), KRaft', () => {
    expect(levelOf(broker, 'broker.id=0\nzookeeper.connect=a:2181\n')).toBe('zookeeper');
    expect(levelOf(broker, 'broker.id=0\nzookeeper.metadata.migration.enable=true\n')).toBe('dual-write');
    expect(levelOf(broker, 'broker.id=0\nzookeeper.metadata.migration.enable=false\n')).toBe('zookeeper');
    expect(levelOf(broker, 'process.roles=broker\nnode.id=0\n')).toBe('kraft');
    expect(levelOf(broker, null)).toBe('zookeeper');
  });
  it('controllers: none without a config, migrating while they write to ZooKeeper, KRaft after', () => {
    expect(levelOf(controller, null)).toBe('none');
    expect(levelOf(controller, '# nothing\n')).toBe('none');
    expect(levelOf(controller, 'process.roles=controller\nzookeeper.metadata.migration.enable=true\n')).toBe('migrating');
    expect(levelOf(controller, 'process.roles=controller\n')).toBe('kraft');
  });
});

describe('the hosts\' Kafka configs and pids', () => {
  const source = migrationSource();
  const node01 = source.processes.filter((p) => p.host.name === 'node01');

  it('one line per Kafka service, the config travelling base64-encoded; staleness from the process age', () => {
    const command = kafkaConfigsCommand();
    expect(command).toContain('f=/etc/kafka/server.properties;');
    expect(command).toContain('f=/etc/kafka-controller/server.properties;');
    expect(command).toContain('ps -o etimes= -p "$p"');
    expect(command.match(/^echo (kafka|controller) /gm)).toEqual(['echo kafka ', 'echo controller ']);
  });

  it('parses each process of the host, with its level, pid and staleness', () => {
    const stdout = `kafka ${b64('zookeeper.metadata.migration.enable=true\n')} 4242 1\ncontroller - - 0\n`;
    expect(parseKafkaConfigs(stdout, node01).map((f) => [f.process.name, f.level, f.pid, f.stale])).toEqual([
      ['node01/controller', 'none', null, false],
      ['node01/kafka', 'dual-write', 4242, true],
    ]);
  });

  it('an unreadable or missing line is an error, not a guess', () => {
    expect(() => parseKafkaConfigs('kafka ??? x 0\n', node01)).toThrow(/unreadable line/);
    expect(() => parseKafkaConfigs(`kafka - - 0\n`, node01)).toThrow(/no line for controller/);
  });
});

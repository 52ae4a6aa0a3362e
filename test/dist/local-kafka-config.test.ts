import { describe, expect, it } from 'vitest';
import { fileLog4j, javaArgs, serverProperties, zooCfg } from '../support/local-kafka-config.js';

describe('local single-node Kafka configuration', () => {
  it('zoo.cfg: standalone on loopback, no admin server, the four-letter words the tools use', () => {
    expect(zooCfg('/t/zk', 40001)).toBe(
      'tickTime=2000\ndataDir=/t/zk\nclientPort=40001\nclientPortAddress=127.0.0.1\nmaxClientCnxns=0\n' +
        'admin.enableServer=false\n4lw.commands.whitelist=srvr,ruok,mntr,stat\n',
    );
  });

  it('server.properties: one broker on loopback, internal topics with RF 1, no rebalance delay; overrides win', () => {
    const text = serverProperties({ port: 40002, zookeeper: '127.0.0.1:40001', logDir: '/t/data', partitions: 4, extra: { 'num.partitions': '6', 'log.retention.ms': '1000' } });
    expect(text.split('\n')).toEqual([
      'broker.id=0',
      'listeners=PLAINTEXT://127.0.0.1:40002',
      'advertised.listeners=PLAINTEXT://127.0.0.1:40002',
      'zookeeper.connect=127.0.0.1:40001',
      'zookeeper.connection.timeout.ms=18000',
      'log.dirs=/t/data',
      'num.partitions=6',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=5',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'log.retention.ms=1000',
      '',
    ]);
  });

  it('log4j to a file only, and a small-heap JVM on libs/*', () => {
    expect(fileLog4j('/t/logs/server.log')).toContain('log4j.rootLogger=INFO, file\n');
    expect(fileLog4j('/t/logs/server.log')).toContain('log4j.appender.file.File=/t/logs/server.log\n');
    expect(fileLog4j('/t/logs/server.log')).not.toContain('ConsoleAppender');
    expect(javaArgs('/t/kafka_2.13-3.9.2', '/t/l.properties', 'kafka.Kafka', ['/t/server.properties']).join(' ')).toBe(
      '-Xms32m -Xmx256m -XX:+UseSerialGC -Djava.awt.headless=true -Dlog4j.configuration=file:/t/l.properties ' +
        '-cp /t/kafka_2.13-3.9.2/libs/* kafka.Kafka /t/server.properties',
    );
  });
});

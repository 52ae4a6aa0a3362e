import { describe, expect, it } from 'vitest';
import { producerPerformanceArgv, producerPerformanceScript, type ProducerPerformanceSpec } from '../../src/perf/command.js';
import { argv } from '../../src/core/shell.js';

const spec: ProducerPerformanceSpec = {
  topic: 'kcp-perf-1-abc',
  records: 200000,
  recordSize: 1024,
  throughput: -1,
  bootstrapServers: '192.168.56.11:9092,192.168.56.12:9092,192.168.56.13:9092',
  producerProps: { acks: 'all', 'batch.size': '100000' },
  kafkaVersion: '3.9.2',
};

describe('producerPerformanceArgv', () => {
  it('on Kafka 4 points the tool at the log4j2 tools config', () => {
    expect(argv(producerPerformanceArgv({ ...spec, kafkaVersion: '4.4.0' }))).toMatch(
      /^java -Xmx256m -Dlog4j2\.configurationFile=\/opt\/kafka\/config\/tools-log4j2\.properties -cp '\/opt\/kafka\/libs\/\*' org\.apache\.kafka\.tools\.ProducerPerformance /,
    );
  });

  it('is the exact command line of the seed pressure test on /opt/kafka', () => {
    expect(argv(producerPerformanceArgv(spec))).toBe(
      "java -Xmx256m -Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties -cp '/opt/kafka/libs/*' " +
        'org.apache.kafka.tools.ProducerPerformance --topic kcp-perf-1-abc --num-records 200000 --record-size 1024 ' +
        '--throughput -1 --producer-props bootstrap.servers=192.168.56.11:9092,192.168.56.12:9092,192.168.56.13:9092 acks=all batch.size=100000',
    );
  });

  it('a secured cluster: the client settings file by its path (the password is in the file, not the command line)', () => {
    expect(argv(producerPerformanceArgv({ ...spec, kafkaVersion: '4.4.0', producerConfig: '/tmp/kcp-perf-1-abc.properties' }))).toMatch(
      / --throughput -1 --producer\.config \/tmp\/kcp-perf-1-abc\.properties --producer-props bootstrap\.servers=/,
    );
  });

  it('quotes property values that a shell would otherwise split', () => {
    const words = producerPerformanceArgv({ ...spec, heap: '512m', producerProps: { 'client.id': 'perf run' } });
    expect(words[1]).toBe('-Xmx512m');
    expect(argv(words)).toMatch(/ bootstrap\.servers=\S+ 'client\.id=perf run'$/);
  });
});

describe('producerPerformanceScript', () => {
  it('runs as the kafka user when it exists, else root, bounded by timeout', () => {
    const command = argv(producerPerformanceArgv(spec));
    expect(producerPerformanceScript(spec, 299.2)).toBe(
      `cd / && if id -u kafka >/dev/null 2>&1; then exec timeout --kill-after=10 300 runuser -u kafka -- ${command}; else exec timeout --kill-after=10 300 ${command}; fi`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { renderCluster, withMetricsAgent } from '../../src/render/index.js';
import { jvmOptions, metricsAgentFlag } from '../../src/render/jvm.js';

const inventory = (hosts: string, extra = '') =>
  parseInventory('i.yaml', `cluster:\n  name: j\n  kafka: { version: "4.4.0" }\n${extra}hosts:\n${hosts}`).cluster;
const AGENT = '-javaagent:/opt/kafka-cluster/lib/jmx_prometheus_javaagent-1.0.1.jar';

describe('metricsAgentFlag', () => {
  it('the broker port for a broker or combined process, the controller port for a dedicated controller', () => {
    const cluster = inventory('  - { name: a, address: 10.9.0.1, controller_id: 1, broker_id: 11 }\n  - { name: b, address: 10.9.0.2, controller_id: 2, broker_id: 2 }\n');
    expect(cluster.processes.map((p) => [p.name, metricsAgentFlag(cluster, p)])).toEqual([
      ['a/controller', [`${AGENT}=10.9.0.1:7072:/etc/kafka-controller/jmx-exporter.yml`]],
      ['a/kafka', [`${AGENT}=10.9.0.1:7071:/etc/kafka/jmx-exporter.yml`]],
      ['b/kafka', [`${AGENT}=10.9.0.2:7071:/etc/kafka/jmx-exporter.yml`]],
    ]);
    expect(jvmOptions(cluster, cluster.processes[2]!).at(-1)).toBe(`${AGENT}=10.9.0.2:7071:/etc/kafka/jmx-exporter.yml`);
  });

  it('none for ZooKeeper, or with metrics_port: ~', () => {
    const zk = parseInventory('i.yaml', 'cluster: { name: z }\nhosts:\n  - { name: a, address: 10.9.0.1, zookeeper_id: 1, broker_id: 0 }\n').cluster;
    expect(zk.processes.map((p) => [p.service, metricsAgentFlag(zk, p).length])).toEqual([['zookeeper', 0], ['kafka', 1]]);
    const off = inventory('  - { name: a, address: 10.9.0.1, controller_id: 1, broker_id: 11 }\n', '  broker: { metrics_port: ~ }\n  controller: { metrics_port: ~ }\n');
    expect(off.processes.flatMap((p) => metricsAgentFlag(off, p))).toEqual([]);
  });

  it('listens on every address when the host has an IPv6 address (the agent cannot name one)', () => {
    const v6 = inventory('  - { name: a, address: "fd00::1", controller_id: 1, broker_id: 1 }\n');
    expect(metricsAgentFlag(v6, v6.processes[0]!)).toEqual([`${AGENT}=7071:/etc/kafka/jmx-exporter.yml`]);
  });
});

describe('withMetricsAgent', () => {
  it('adds the jar to the hosts whose brokers or controllers run the agent, restarting nothing by itself', () => {
    const cluster = parseInventory('i.yaml', 'cluster: { name: z, security: none }\nhosts:\n  - { name: zk, address: 10.9.0.1, zookeeper_id: 1 }\n  - { name: b, address: 10.9.0.2, broker_id: 0 }\n').cluster;
    const jar = Buffer.from('jar');
    const files = withMetricsAgent(cluster, renderCluster(cluster), jar);
    const jars = files.map((h) => [h.host, h.files.filter((f) => f.content === jar).map((f) => [f.path, f.service, f.mode])]);
    expect(jars).toEqual([
      ['zk', []],
      ['b', [['/opt/kafka-cluster/lib/jmx_prometheus_javaagent-1.0.1.jar', null, 0o644]]],
    ]);
  });
});

describe('jvm_options', () => {
  const G1 = ['-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent'];
  const cluster = parseInventory(
    'i.yaml',
    [
      'cluster:',
      '  name: j',
      '  security: none',
      '  zookeeper: { jvm_options: ["-XX:TieredStopAtLevel=1"] }',
      '  kafka: { jvm_options: ["-XX:+UseSerialGC", "-Dx=a b"] }',
      '  spark: { jvm_options: ["-XX:+UseParallelGC"] }',
      'hosts:',
      '  - { name: a, address: 10.9.0.1, zookeeper_id: 1, broker_id: 0, spark_master: true, spark_worker: true }',
      '',
    ].join('\n'),
  ).cluster;
  const of = (name: string) => jvmOptions(cluster, cluster.processes.find((p) => p.name === name)!);

  it('come last, after the tool\'s own flags, for their kind of process only', () => {
    expect(of('a/zookeeper').at(-1)).toBe('-XX:TieredStopAtLevel=1');
    expect(of('a/kafka').slice(-2)).toEqual(['-XX:+UseSerialGC', '-Dx=a b']);
    expect(of('a/kafka').at(-3)).toMatch(/^-javaagent:/);
    expect(of('a/spark-worker').at(-1)).toBe('-XX:+UseParallelGC');
  });

  it('a collector named there replaces G1 and its settings; otherwise G1 stays', () => {
    expect(of('a/zookeeper')).toEqual(expect.arrayContaining(G1));
    for (const name of ['a/kafka', 'a/spark-master']) expect(of(name).filter((o) => G1.includes(o)), name).toEqual([]);
  });

  it('the service script passes each one as one word', () => {
    const script = renderCluster(cluster)[0]!.files.find((f) => f.path.endsWith('kafka-service.sh'))!.content.toString();
    expect(script).toMatch(/JAVA_OPTS=\(.* -XX:\+UseSerialGC '-Dx=a b'\)\n/);
  });
});

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { STOCK_PORTS, stockJvmOptions, stockPrepareScript, stockTopology } from '../../bench/support/stock.js';
import { parseInventory } from '../../src/inventory/load.js';
import { defaultInventoryText } from '../support/inventory-text.js';

const cluster = parseInventory('inventory.yaml', defaultInventoryText).cluster;
const fileOf = (t: ReturnType<typeof stockTopology>, host: string, suffix: string): string => {
  const f = t.processes.filter((p) => p.host.name === host).flatMap((p) => p.files).find((x) => x.path.endsWith(suffix));
  if (!f) throw new Error(`${host} has no ${suffix}`);
  return f.content;
};

describe('stockTopology', () => {
  it('cluster: the inventory\'s ZooKeeper ids and broker ids on the same hosts, ZooKeeper first, on ports of its own', () => {
    const t = stockTopology(cluster, 'cluster');
    expect(t.processes.map((p) => `${p.host.name}/${p.service}/${p.id}`)).toEqual([
      'node01/zookeeper/1', 'node02/zookeeper/2', 'node03/zookeeper/3', 'node01/kafka/0', 'node02/kafka/1', 'node03/kafka/2',
    ]);
    expect(t.target.bootstrapServers).toBe('192.168.56.11:19092,192.168.56.12:19092,192.168.56.13:19092');
    expect(t.target.brokers.map((h) => h.name)).toEqual(['node01', 'node02', 'node03']);
    expect(Object.values(STOCK_PORTS)).not.toContain(cluster.broker.port);
  });

  it("cluster: Kafka's defaults, only what a quickstart must set", () => {
    const t = stockTopology(cluster, 'cluster');
    expect(fileOf(t, 'node02', '/server.properties')).toBe(
      'broker.id=1\nlisteners=PLAINTEXT://192.168.56.12:19092\nlog.dirs=/var/lib/kcp-stock/kafka/data\nzookeeper.connect=192.168.56.11:12181,192.168.56.12:12181,192.168.56.13:12181\n',
    );
    expect(fileOf(t, 'node02', '/zookeeper.properties')).toBe(
      'dataDir=/var/lib/kcp-stock/zookeeper/data\nclientPort=12181\ninitLimit=10\nsyncLimit=5\nserver.1=192.168.56.11:12888:13888\nserver.2=192.168.56.12:12888:13888\nserver.3=192.168.56.13:12888:13888\n',
    );
    expect(fileOf(t, 'node02', '/data/myid')).toBe('2\n');
  });

  it('single: one standalone ZooKeeper and broker 0 on the first broker host, the only bootstrap address', () => {
    const t = stockTopology(cluster, 'single');
    expect(t.processes.map((p) => `${p.host.name}/${p.service}/${p.id}`)).toEqual(['node01/zookeeper/1', 'node01/kafka/0']);
    expect(fileOf(t, 'node01', '/zookeeper.properties')).toBe('dataDir=/var/lib/kcp-stock/zookeeper/data\nclientPort=12181\n');
    expect(t.processes.flatMap((p) => p.files).some((f) => f.path.endsWith('myid'))).toBe(false);
    expect(fileOf(t, 'node01', '/server.properties')).toContain('zookeeper.connect=192.168.56.11:12181\n');
    expect(t.target.bootstrapServers).toBe('192.168.56.11:19092');
    expect(t.target.brokers).toHaveLength(1);
  });

  it("the tool's own service script, pointed at the stock files with the stock scripts' JVM flags, and valid bash", () => {
    const t = stockTopology(cluster, 'cluster');
    const script = fileOf(t, 'node01', '/kafka-service.sh');
    expect(script).toContain('readonly MAIN_CLASS=kafka.Kafka\n');
    expect(script).toContain('readonly CONFIG=/var/lib/kcp-stock/kafka/server.properties\n');
    expect(script).toContain('readonly PIDFILE=/var/lib/kcp-stock/kafka/kafka.pid\n');
    expect(script).toContain(" -Xmx1G -Xms1G -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true '-Xlog:gc*:file=/var/lib/kcp-stock/kafka/logs/kafkaServer-gc.log:time,tags:filecount=10,filesize=100M' ");
    expect(script).not.toContain('javaagent');
    execFileSync('bash', ['-n'], { input: script });
    expect(fileOf(t, 'node01', '/zookeeper-service.sh')).toContain('readonly MAIN_CLASS=org.apache.zookeeper.server.quorum.QuorumPeerMain\n');
  });

  it('ZooKeeper mode only', () => {
    const kraft = parseInventory('i.yaml', 'cluster: { name: k, kafka: { version: "4.4.0" } }\nhosts:\n  - { name: a, address: 10.9.0.1, controller_id: 1, broker_id: 1 }\n').cluster;
    expect(() => stockTopology(kraft, 'single')).toThrow(/ZooKeeper mode; .* is kraft/);
    expect(() => stockJvmOptions('kafka', '4.4.0')).toThrow(/Kafka 3.x/);
  });
});

describe('stockPrepareScript', () => {
  it('starts every run empty, the JVM folders owned by the service user', () => {
    expect(stockPrepareScript(['zookeeper', 'kafka'])).toBe(
      'rm -rf -- /var/lib/kcp-stock && mkdir -p -- /var/lib/kcp-stock/zookeeper/data /var/lib/kcp-stock/zookeeper/logs && chown -R -- kafka:kafka /var/lib/kcp-stock/zookeeper/data /var/lib/kcp-stock/zookeeper/logs'
        + ' && mkdir -p -- /var/lib/kcp-stock/kafka/data /var/lib/kcp-stock/kafka/logs && chown -R -- kafka:kafka /var/lib/kcp-stock/kafka/data /var/lib/kcp-stock/kafka/logs',
    );
  });
});

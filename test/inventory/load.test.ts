import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { defaultInventoryText, editInventory, expectProblem, problemsOf, replaceLine } from '../support/inventory-text.js';

const FILE = 'inventory.yaml';

describe('the default inventory', () => {
  it('derives three hosts, each with ZooKeeper and a broker', () => {
    const { cluster, warnings } = parseInventory(FILE, defaultInventoryText);
    expect(warnings).toEqual([]);
    expect(cluster.hosts.map((h) => [h.name, h.address, h.zookeeperId, h.brokerId])).toEqual([
      ['node01', '192.168.56.11', 1, 0],
      ['node02', '192.168.56.12', 2, 1],
      ['node03', '192.168.56.13', 3, 2],
    ]);
    expect(cluster.zookeeperConnect).toBe('node01:2181,node02:2181,node03:2181');
    expect(cluster.bootstrapServers).toBe('192.168.56.11:9092,192.168.56.12:9092,192.168.56.13:9092');
    expect(cluster.ssh.identityFile).toMatch(/\/\.lab\/ssh\/id_ed25519$/);
  });
});

describe('bad input is located and named', () => {
  it('YAML syntax errors', () => {
    const text = editInventory(['  - name: node03\n', '  - name: node03\n   oops\n']);
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^inventory\.yaml:\d+: YAML syntax: /);
  });

  it('unknown keys, with a did-you-mean', () => {
    const text = editInventory(['client_port: 2181', 'clinet_port: 2181']);
    expectProblem(text, 'clinet_port', 'cluster.zookeeper.clinet_port', /unknown key \(did you mean "client_port"\?\)/);
  });

  it('unknown keys in a host', () => {
    const text = editInventory(['    broker_id: 1\n', '    broker_id: 1\n    brokr_config: {}\n']);
    expectProblem(text, 'brokr_config', 'hosts[1].brokr_config', /did you mean "broker_config"/);
  });

  it('duplicate host names', () => {
    const text = editInventory(['name: node02', 'name: node01']);
    expectProblem(text, 'name: node01\n    address: 192.168.56.12', 'hosts[1].name', /duplicate host name node01 \(already used by hosts\[0\]/);
  });

  it('duplicate addresses', () => {
    const text = editInventory(['address: 192.168.56.13', 'address: 192.168.56.11']);
    expectProblem(text, 'address: 192.168.56.11\n    zookeeper_id: 3', 'hosts[2].address', /duplicate address 192\.168\.56\.11/);
  });

  it('duplicate broker ids', () => {
    const text = editInventory(['broker_id: 2', 'broker_id: 0']);
    expectProblem(text, 'broker_id: 0\n    broker_config: {}\n', 'hosts[2].broker_id', /duplicate broker id 0/);
  });

  it('duplicate ZooKeeper ids', () => {
    const text = editInventory(['zookeeper_id: 2', 'zookeeper_id: 1']);
    expectProblem(text, 'zookeeper_id: 1\n    broker_id: 1', 'hosts[1].zookeeper_id', /duplicate ZooKeeper id 1/);
  });

  it('ZooKeeper ids out of range (myid 1..255)', () => {
    const text = editInventory(['zookeeper_id: 3', 'zookeeper_id: 256']);
    expectProblem(text, 'zookeeper_id: 256', 'hosts[2].zookeeper_id', /1\.\.255/);
    const zero = editInventory(['zookeeper_id: 1 ', 'zookeeper_id: 0 ']);
    expectProblem(zero, 'zookeeper_id: 0', 'hosts[0].zookeeper_id', /1\.\.255/);
  });

  it('broker ids above reserved.broker.max.id', () => {
    const text = editInventory(['broker_id: 2', 'broker_id: 1001']);
    expectProblem(text, 'broker_id: 1001', 'hosts[2].broker_id', /at most 1000/);
  });

  it('malformed addresses', () => {
    const text = editInventory(['address: 192.168.56.12', 'address: 192.168.56.300']);
    expectProblem(text, 'address: 192.168.56.300', 'hosts[1].address', /IPv4 or IPv6 address/);
  });

  it('malformed ports', () => {
    const text = editInventory(['port: 9092', 'port: 70000']);
    expectProblem(text, 'port: 70000', 'cluster.broker.port', /1\.\.65535/);
    const word = editInventory(['peer_port: 2888', 'peer_port: "x"']);
    expectProblem(word, 'peer_port: "x"', 'cluster.zookeeper.peer_port', /expected number/);
  });

  it('JVM options that are not flags, that set the heap, or that carry a password', () => {
    const flag = editInventory(['    heap: 256m\n', '    heap: 256m\n    jvm_options: [UseSerialGC]\n']);
    expectProblem(flag, 'jvm_options', 'cluster.zookeeper.jvm_options[0]', /must be a JVM option such as -XX:\+UseSerialGC/);
    const heap = editInventory(['    heap: 256m\n', '    heap: 256m\n    jvm_options: ["-Xmx1g"]\n']);
    expectProblem(heap, 'jvm_options', 'cluster.zookeeper.jvm_options[0]', /the heap is set by this section's heap key/);
    const secret = editInventory(['    heap: 256m\n', '    heap: 256m\n    jvm_options: ["-Djavax.net.ssl.keyStorePassword=hunter2"]\n']);
    expectProblem(secret, 'jvm_options', 'cluster.zookeeper.jvm_options[0]', /readable by every user of the host \(ps\): keep passwords and secrets out/);
    expect(problemsOf(secret).join('\n')).not.toContain('hunter2'); // and the error does not repeat it
  });

  it('port clashes between services on a host', () => {
    const text = replaceLine(defaultInventoryText, '    port: 9092', '    port: 2181');
    expectProblem(text, '    port: 2181', 'cluster.broker.port', /port 2181 clashes with cluster\.zookeeper\.client_port on host node01/);
  });

  it('no clash when the two services never share a host', () => {
    const text = `cluster:
  name: split
  broker: {port: 2181}
hosts:
  - {name: zk1, address: 10.9.0.1, zookeeper_id: 1}
  - {name: kafka1, address: 10.9.0.2, broker_id: 0}
`;
    expect(parseInventory(FILE, text).cluster.brokers.map((b) => b.name)).toEqual(['kafka1']);
  });

  it('a url source without sha512', () => {
    const text = editInventory(['source: maven', 'source: url'], ['url: ~', 'url: http://127.0.0.1:8000/kafka_2.13-3.9.1.tgz']);
    expectProblem(text, 'sha512: ~', 'cluster.kafka.sha512', /sha512 is required/);
  });

  it('overriding a derived key through config', () => {
    const cluster = replaceLine(defaultInventoryText, 'overriding server.properties', '    config: {broker.id: 7}');
    expectProblem(cluster, 'config: {broker.id: 7}', 'cluster.broker.config.broker.id', /cannot be set here: derived from hosts\[\]\.broker_id/);
    const host = replaceLine(defaultInventoryText, '    broker_config: {}', '    broker_config:\n      listeners: PLAINTEXT://0.0.0.0:9092', 2);
    expectProblem(host, 'listeners: PLAINTEXT', 'hosts[1].broker_config.listeners', /cannot be set here/);
    const zk = replaceLine(defaultInventoryText, 'overriding zoo.cfg', '    config:\n      server.4: node04:2888:3888');
    expectProblem(zk, 'server.4:', 'cluster.zookeeper.config.server.4', /ensemble is derived/);
  });

  it('the seed\'s removed 0.8-era settings say what replaced them', () => {
    const text = replaceLine(defaultInventoryText, 'overriding server.properties', '    config: {advertised.host.name: x}');
    expectProblem(text, 'advertised.host.name', 'cluster.broker.config.advertised.host.name', /removed in Kafka 3\.0/);
  });

  it('no ZooKeeper host', () => {
    const text = defaultInventoryText.replace(/    zookeeper_id: \d+.*\n/g, '');
    expectProblem(text, 'hosts:\n  - name', 'hosts', /no host runs ZooKeeper/);
  });

  it('a replication factor the brokers cannot satisfy', () => {
    const text = replaceLine(defaultInventoryText, 'overriding server.properties', '    config: {default.replication.factor: 5}');
    expectProblem(text, 'default.replication.factor', 'cluster.broker.config.default.replication.factor', /but the cluster has 3 broker/);
  });

  it('a missing required field', () => {
    const text = editInventory(['    address: 192.168.56.13\n', '']);
    expectProblem(text, '  - name: node03', 'hosts[2].address', /is required/);
  });

  it('reports every problem at once', () => {
    const text = editInventory(['broker_id: 2', 'broker_id: 0'], ['zookeeper_id: 2', 'zookeeper_id: 1']);
    expect(problemsOf(text)).toHaveLength(2);
  });
});

describe('warnings', () => {
  it('an even-sized ensemble is accepted with a located warning', () => {
    const text = editInventory(['    zookeeper_id: 3\n', '']);
    const { warnings } = parseInventory(FILE, text);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: inventory\.yaml:\d+: hosts: 2 ZooKeeper servers: an even-sized ensemble/);
  });
});

describe('metrics ports', () => {
  it('clash with a listener on the same host', () => {
    const text = editInventory(['metrics_port: 7071', 'metrics_port: 2181']);
    expectProblem(text, 'metrics_port: 2181', 'cluster.broker.metrics_port', /port 2181 clashes with cluster\.zookeeper\.client_port on host node01/);
  });

  it('a dedicated controller and a broker on one host need two', () => {
    const text = `cluster:
  name: two
  kafka: { version: "4.4.0" }
  controller: { metrics_port: 7071 }
hosts:
  - { name: a, address: 10.9.0.1, controller_id: 1, broker_id: 11 }
`;
    expectProblem(text, 'metrics_port: 7071', 'cluster.controller.metrics_port', /port 7071 clashes with cluster\.broker\.metrics_port on host a/);
  });
});

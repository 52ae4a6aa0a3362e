// KRaft inventories: the shipped one, dedicated controllers, and every located error the KRaft
// issue names (mode and version, ZooKeeper ids, no controller, a node id used twice, derived
// KRaft keys in config) plus the even-quorum warning.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { expectProblem, problemsOf, replaceLine } from '../support/inventory-text.js';

const FILE = 'inventory.yaml';
const kraftText = readFileSync(join(import.meta.dirname, '..', '..', 'inventory.kraft.yaml'), 'utf8');

const edit = (...edits: Array<[string, string]>): string => {
  let text = kraftText;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`no ${JSON.stringify(from)} in inventory.kraft.yaml`);
    text = text.replace(from, to);
  }
  return text;
};

describe('the shipped KRaft inventory', () => {
  it('three combined processes, each a voter of the quorum', () => {
    const { cluster, warnings } = parseInventory(FILE, kraftText);
    expect(warnings).toEqual([]);
    expect(cluster.mode).toBe('kraft');
    expect(cluster.processes.map((p) => [p.name, p.roles, p.id])).toEqual([
      ['kraft01/kafka', ['controller', 'broker'], 1],
      ['kraft02/kafka', ['controller', 'broker'], 2],
      ['kraft03/kafka', ['controller', 'broker'], 3],
    ]);
    expect(cluster.quorum.map((p) => p.name)).toEqual(cluster.processes.map((p) => p.name));
    expect(cluster.controllerBootstrap).toBe('kraft01:9093,kraft02:9093,kraft03:9093');
    expect(cluster.ensemble).toEqual([]);
  });

  it('mode defaults to kraft on Kafka 4 and to zookeeper on 3.x', () => {
    expect(parseInventory(FILE, edit(['    mode: kraft ', '    # mode: kraft '])).cluster.mode).toBe('kraft');
  });
});

describe('dedicated controllers and mixed hosts', () => {
  const text = `cluster: { name: mixed, kafka: { version: "4.4.0" } }
hosts:
  - { name: c1, address: 10.1.0.1, controller_id: 1 }
  - { name: c2, address: 10.1.0.2, controller_id: 2, broker_id: 12 }
  - { name: c3, address: 10.1.0.3, controller_id: 3, broker_id: 3 }
  - { name: b4, address: 10.1.0.4, broker_id: 14 }
`;
  it('controller-only, two processes on one host, combined, broker-only', () => {
    const { cluster } = parseInventory(FILE, text);
    expect(cluster.processes.map((p) => `${p.name}:${p.roles.join('+')}:${p.id}`)).toEqual([
      'c1/controller:controller:1', 'c2/controller:controller:2', 'c2/kafka:broker:12', 'c3/kafka:controller+broker:3', 'b4/kafka:broker:14',
    ]);
    expect(cluster.quorum.map((p) => p.name)).toEqual(['c1/controller', 'c2/controller', 'c3/kafka']);
    expect(cluster.brokers.map((h) => h.name)).toEqual(['c3', 'c2', 'b4']); // by broker id
  });
});

describe('KRaft errors are located and named', () => {
  it('mode: zookeeper with a 4.x version', () => {
    expectProblem(edit(['    mode: kraft ', '    mode: zookeeper ']), 'mode: zookeeper', 'cluster.kafka.mode', /Kafka 4\.4\.0 has no ZooKeeper mode/);
  });

  it('KRaft on a release before 3.9', () => {
    expectProblem(edit(['version: "4.4.0"', 'version: "3.8.1"']), 'mode: kraft', 'cluster.kafka.mode', /needs Kafka 3\.9 or newer/);
  });

  it('a zookeeper_id in a KRaft inventory', () => {
    const text = edit(['    controller_id: 2\n', '    zookeeper_id: 2\n    controller_id: 2\n']);
    expectProblem(text, 'zookeeper_id: 2', 'hosts[1].zookeeper_id', /a KRaft cluster has no ZooKeeper/);
  });

  it('no controller', () => {
    const text = kraftText.replace(/    controller_id: \d+.*\n/g, '');
    expectProblem(text, 'hosts:\n  - name', 'hosts', /no KRaft controller/);
  });

  it('a node id used by a controller on one host and a broker on another', () => {
    const text = edit(['    broker_id: 3\n', '    broker_id: 33\n'], ['    broker_id: 2\n', '    broker_id: 3\n']);
    // the second use in file order is the one named
    expectProblem(text, 'controller_id: 3\n', 'hosts[2].controller_id', /node id 3 is already used by hosts\[1\] \(kraft02\) broker_id/);
  });

  it('a node id used twice across hosts', () => {
    const text = edit(['    controller_id: 2\n', '    controller_id: 1\n'], ['    broker_id: 2\n', '    broker_id: 22\n']);
    expectProblem(text, 'controller_id: 1\n', 'hosts[1].controller_id', /node id 1 is already used by hosts\[0\] \(kraft01\) controller_id/);
  });

  it.each([
    ['process.roles', 'broker', /derived from hosts\[\]\.controller_id and hosts\[\]\.broker_id/],
    ['node.id', '7', /derived from hosts\[\]\.broker_id and hosts\[\]\.controller_id/],
    ['controller.quorum.voters', '1@x:9093', /the quorum is derived from the hosts with controller_id/],
    ['controller.quorum.bootstrap.servers', 'x:9093', /the quorum is derived/],
    ['controller.listener.names', 'CTRL', /the CONTROLLER listener/],
    ['zookeeper.connect', 'z:2181', /a KRaft cluster has no ZooKeeper/],
  ])('overriding %s through config', (key, value, reason) => {
    const text = replaceLine(kraftText, '    config: {}', `    config: { ${key}: "${value}" }`, 2);
    expectProblem(text, `config: { ${key}`, `cluster.broker.config.${key}`, reason);
  });

  it('KRaft keys in a ZooKeeper-mode inventory, and a controller_id there', () => {
    const zk = `cluster: { name: zk, broker: { config: { process.roles: broker } } }
hosts:
  - { name: n1, address: 10.2.0.1, zookeeper_id: 1, broker_id: 0, controller_id: 5 }
`;
    const problems = problemsOf(zk);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/hosts\[0\]\.controller_id: a KRaft controller in a ZooKeeper-mode inventory: the target of a migration to KRaft, which only npm run migrate takes/);
    expect(problems[1]).toMatch(/cluster\.broker\.config\.process\.roles: .*a KRaft setting, and this cluster runs in ZooKeeper mode/);
  });
});

describe('KRaft warnings', () => {
  it('an even number of controllers is accepted with a located warning', () => {
    const text = kraftText.replace('    controller_id: 3\n', '');
    const { warnings } = parseInventory(FILE, text);
    expect(warnings).toEqual([expect.stringMatching(/^warning: inventory\.yaml:\d+: hosts: 2 KRaft controllers: an even-sized quorum tolerates no more failures than 1/)]);
  });
});

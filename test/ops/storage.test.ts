import { describe, expect, it } from 'vitest';
import { UNFORMATTED } from '../../src/facts/storage.js';
import { parseInventory } from '../../src/inventory/load.js';
import { formatCommand, planFormats, randomKafkaUuid, resolveClusterId, storageProblems, type StorageFact } from '../../src/ops/storage.js';

const cluster = parseInventory('i.yaml', `cluster: { name: s, kafka: { version: "4.4.0" } }
hosts:
${[1, 2, 3].map((i) => `  - { name: n${i}, address: 10.0.0.${i}, controller_id: ${i}, broker_id: ${10 + i} }`).join('\n')}
`).cluster;
const dir = (service: string) => (service === 'controller' ? '/var/lib/kafka-controller/data' : '/var/lib/kafka/data');
const facts = (meta: (name: string) => StorageFact['meta'] = () => UNFORMATTED): StorageFact[] =>
  cluster.processes.map((process) => ({ process, dir: dir(process.service), meta: meta(process.name) }));
const formatted = (clusterId: string, nodeId: number) => ({ clusterId, nodeId, directoryId: 'dir' });
const endpoint = (p: { host: { address: string } }) => `${p.host.address}:9093`;

describe('randomKafkaUuid', () => {
  it('16 bytes as unpadded base64url; never all zero, never a leading "-"', () => {
    expect(randomKafkaUuid()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const draws = [Buffer.alloc(16), Buffer.from('f8' + '00'.repeat(15), 'hex'), Buffer.from('01'.repeat(16), 'hex')];
    expect(randomKafkaUuid(() => draws.shift()!)).toBe('AQEBAQEBAQEBAQEBAQEBAQ');
  });
});

describe('resolveClusterId', () => {
  it('the recorded id first, then the one the folders agree on, else a new one', () => {
    expect(resolveClusterId('rec', facts((n) => formatted('other', 1)))).toEqual({ id: 'rec', source: 'recorded' });
    expect(resolveClusterId(null, facts((n) => (n.startsWith('n1') ? formatted('abc', 1) : UNFORMATTED)))).toEqual({ id: 'abc', source: 'hosts' });
    expect(resolveClusterId(null, facts(), () => 'fresh')).toEqual({ id: 'fresh', source: 'new' });
  });
  it('folders that disagree with nothing recorded are a problem for a person', () => {
    const r = resolveClusterId(null, facts((n) => formatted(n.startsWith('n1') ? 'a' : 'b', 1)));
    expect(r).toEqual({ problem: expect.stringMatching(/formatted for different clusters \(n1\/controller \/var\/lib\/kafka-controller\/data: a; .*: b/) });
  });
});

describe('storageProblems', () => {
  it('refuses a folder of another cluster or another node, never overwrites it', () => {
    const mixed = facts((n) => (n === 'n2/kafka' ? formatted('other', 12) : n === 'n3/controller' ? formatted('ours', 9) : UNFORMATTED));
    expect(storageProblems('ours', mixed, '.state/s/cluster.id')).toEqual([
      'n2/kafka: /var/lib/kafka/data is formatted for cluster other, and this cluster is ours (.state/s/cluster.id); refusing to use or overwrite it: if its data is not needed, delete /var/lib/kafka/data/meta.properties and its data, then provision again',
      'n3/controller: /var/lib/kafka-controller/data is formatted for node 9, and this process is node 3; refusing to use or overwrite it',
    ]);
    expect(storageProblems('ours', facts((n) => formatted('ours', cluster.processes.find((p) => p.name === n)!.id)), 'f')).toEqual([]);
  });
});

describe('planFormats', () => {
  it('a new quorum: every controller with the same --initial-controllers, brokers without', () => {
    let n = 0;
    const { steps, problems } = planFormats(facts(), endpoint, () => `dir${++n}`);
    expect(problems).toEqual([]);
    const voters = '1@10.0.0.1:9093:dir1,2@10.0.0.2:9093:dir2,3@10.0.0.3:9093:dir3';
    expect(steps.map((s) => [s.process.name, s.initialControllers])).toEqual([
      ['n1/controller', voters], ['n1/kafka', null], ['n2/controller', voters], ['n2/kafka', null], ['n3/controller', voters], ['n3/kafka', null],
    ]);
  });
  it('an existing quorum: only unformatted brokers, and a missing controller is refused', () => {
    const all = facts((name) => formatted('c', 1));
    expect(planFormats(all, endpoint)).toEqual({ steps: [], problems: [] });
    const newBroker = facts((name) => (name === 'n3/kafka' ? UNFORMATTED : formatted('c', 1)));
    expect(planFormats(newBroker, endpoint).steps.map((s) => [s.process.name, s.initialControllers])).toEqual([['n3/kafka', null]]);
    const newController = facts((name) => (name === 'n3/controller' ? UNFORMATTED : formatted('c', 1)));
    expect(planFormats(newController, endpoint)).toEqual({ steps: [], problems: [expect.stringMatching(/^n3\/controller: not formatted, but the quorum exists/)] });
  });
});

describe('formatCommand', () => {
  it('runs kafka-storage format as the service user, with the quorum flag that fits', () => {
    const base = { kafkaHome: '/opt/kafka', storageClass: 'kafka.tools.StorageTool', user: 'kafka', clusterId: 'AbC-_x', config: '/etc/kafka/server.properties' };
    expect(formatCommand({ ...base, initialControllers: null })).toBe(
      'KAFKA_HEAP_OPTS=-Xmx256m setpriv --reuid=kafka --regid=kafka --init-groups -- /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool format --cluster-id=AbC-_x --config /etc/kafka/server.properties --no-initial-controllers',
    );
    expect(formatCommand({ ...base, initialControllers: '1@10.0.0.1:9093:d1' })).toMatch(/ format --cluster-id=AbC-_x --config \/etc\/kafka\/server\.properties --initial-controllers 1@10\.0\.0\.1:9093:d1$/);
  });

  it('an id with a leading "-" (one ZooKeeper-mode cluster in 64 has one) is joined to its option, or kafka-storage takes it for a flag', () => {
    const id = '-v5UhIAlTUW6bH3l-JXLmQ';
    expect(formatCommand({ kafkaHome: '/opt/kafka', storageClass: 'kafka.tools.StorageTool', user: 'kafka', clusterId: id, config: '/etc/kafka-controller/server.properties', initialControllers: null, staticQuorum: true }))
      .toContain(` format --cluster-id=${id} --config /etc/kafka-controller/server.properties`);
  });

  it('a secured cluster: the SCRAM admin from an @file, never on the command line, and the salted keys it prints dropped', () => {
    const base = { kafkaHome: '/opt/kafka', storageClass: 'kafka.tools.StorageTool', user: 'kafka', clusterId: 'AbC-_x', config: '/etc/kafka/server.properties', initialControllers: null };
    expect(formatCommand({ ...base, scramArgs: '/etc/kafka/tls/scram-admin.args' })).toMatch(/ --no-initial-controllers @\/etc\/kafka\/tls\/scram-admin\.args >\/dev\/null$/);
    expect(formatCommand({ ...base, scramArgs: null })).toMatch(/ --no-initial-controllers$/);
  });

  it('a static quorum (a migration\'s controllers): no quorum flag, the metadata.version of the brokers\' protocol', () => {
    const base = { kafkaHome: '/opt/kafka', storageClass: 'kafka.tools.StorageTool', user: 'kafka', clusterId: 'AbC-_x', config: '/etc/kafka-controller/server.properties', initialControllers: null };
    expect(formatCommand({ ...base, staticQuorum: true, releaseVersion: '3.9' })).toMatch(/ format --cluster-id=AbC-_x --config \/etc\/kafka-controller\/server\.properties --release-version 3\.9$/);
    expect(formatCommand({ ...base, staticQuorum: true })).toMatch(/server\.properties $/);
  });
});

// A hand-built three-host cluster and the facts of a fresh or fully provisioned host.
import type { HostFacts } from '../../src/facts/gather.js';
import type { PathFact } from '../../src/facts/paths.js';
import { parseInventory } from '../../src/inventory/load.js';
import type { Cluster, Host } from '../../src/inventory/model.js';
import { sha256Of } from '../../src/ops/files.js';
import { desiredDirs } from '../../src/ops/host-setup.js';
import type { RenderedFile } from '../../src/render/types.js';

// Derived by the real loader, so the fixture follows the model as it grows.
export const cluster: Cluster = parseInventory('/tmp/unit/inventory.yaml', `cluster:
  name: unit
  kafka: { version: "3.9.1", heap: 384m }
  zookeeper: { heap: 128m }
  ssh: { identity_file: id, known_hosts: kh }
hosts:
  - { name: node01, address: 192.168.58.11, zookeeper_id: 1, broker_id: 0 }
  - { name: node02, address: 192.168.58.12, zookeeper_id: 2, broker_id: 1 }
  - { name: node03, address: 192.168.58.13, zookeeper_id: 3, broker_id: 2 }
`).cluster;
const hosts: Host[] = cluster.hosts;

export const files: RenderedFile[] = [
  { path: '/etc/zookeeper/zoo.cfg', content: 'tickTime=2000\n', mode: 0o640, owner: 'root', group: 'kafka', service: 'zookeeper', kind: 'file' },
  { path: '/etc/kafka/server.properties', content: 'broker.id=0\n', mode: 0o640, owner: 'root', group: 'kafka', service: 'kafka', kind: 'file' },
  { path: '/etc/hosts', content: '# BEGIN kafka-cluster-provisioner unit\n192.168.58.11 node01\n# END kafka-cluster-provisioner unit\n', mode: 0o644, owner: 'root', group: 'root', service: null, kind: 'block' },
];

export const SHA = 'b'.repeat(128);
/** The local Kafka tarball a plan installs. */
export const LOCAL = { kafka: { path: '/local/kafka.tgz', sha512: SHA } };

export function freshFacts(): HostFacts {
  const paths = new Map<string, PathFact>();
  for (const p of [...desiredDirs(cluster, hosts[0]!).map((d) => d.path), ...files.map((f) => f.path)]) {
    paths.set(p, { path: p, type: 'missing', mode: null, owner: null, group: null, sha256: null });
  }
  return {
    paths,
    processes: {
      zookeeper: { service: 'zookeeper', running: false, pid: null, dist: null, crashed: false },
      controller: { service: 'controller', running: false, pid: null, dist: null, crashed: false },
      kafka: { service: 'kafka', running: false, pid: null, dist: null, crashed: false },
      'spark-master': { service: 'spark-master', running: false, pid: null, dist: null, crashed: false },
      'spark-worker': { service: 'spark-worker', running: false, pid: null, dist: null, crashed: false },
    },
    java: { major: 17, banner: 'openjdk version "17.0.15"' },
    disk: new Map([['/opt', 10e9], ['/var/lib', 10e9], ['/var/log', 10e9]]),
    listeners: [{ port: 22, pids: [1], process: 'sshd' }],
    userUid: null,
    dists: [{ tarballSha512: null, stamped: false, unpacked: false, linkTarget: null }],
    etcHosts: '127.0.0.1 localhost\n',
    storage: new Map(),
  };
}

/** The facts of node01 after a complete provision, both services running. */
export function provisionedFacts(): HostFacts {
  const f = freshFacts();
  for (const d of desiredDirs(cluster, hosts[0]!)) f.paths.set(d.path, { path: d.path, type: 'dir', mode: d.mode, owner: d.owner, group: d.group, sha256: null });
  for (const file of files.filter((x) => x.kind === 'file')) {
    f.paths.set(file.path, { path: file.path, type: 'file', mode: file.mode, owner: file.owner, group: file.group, sha256: sha256Of(file.content) });
  }
  f.userUid = 999;
  f.dists = [{ tarballSha512: SHA, stamped: true, unpacked: true, linkTarget: '/opt/kafka_2.13-3.9.1' }];
  f.etcHosts = `127.0.0.1 localhost\n${files[2]!.content}`;
  f.processes = {
    ...f.processes,
    zookeeper: { service: 'zookeeper', running: true, pid: 40, dist: 'kafka_2.13-3.9.1', crashed: false },
    kafka: { service: 'kafka', running: true, pid: 41, dist: 'kafka_2.13-3.9.1', crashed: false },
  };
  f.listeners.push({ port: 2181, pids: [40], process: 'java' }, { port: 9092, pids: [41], process: 'java' });
  return f;
}

// A hand-built three-host cluster and the facts of a fresh or fully provisioned host.
import type { HostFacts } from '../../src/facts/gather.js';
import type { PathFact } from '../../src/facts/paths.js';
import type { Cluster, Host } from '../../src/inventory/model.js';
import { sha256Of } from '../../src/ops/files.js';
import { desiredDirs } from '../../src/ops/host-setup.js';
import type { RenderedFile } from '../../src/render/types.js';

const host = (n: number): Host => ({ name: `node0${n}`, address: `192.168.58.1${n}`, zookeeperId: n, brokerId: n - 1, brokerConfig: {} });
const hosts = [host(1), host(2), host(3)];

export const cluster: Cluster = {
  name: 'unit',
  inventoryFile: '/tmp/unit/inventory.yaml',
  baseDir: '/tmp/unit',
  kafka: { version: '3.9.1', scala: '2.13', source: 'maven', url: null, sha512: null, file: null, heap: '384m' },
  zookeeper: { clientPort: 2181, peerPort: 2888, electionPort: 3888, heap: '128m', config: {} },
  broker: { port: 9092, config: {} },
  ssh: { user: 'root', port: 22, identityFile: '/tmp/unit/id', knownHosts: '/tmp/unit/kh' },
  hosts,
  ensemble: hosts.map((h) => ({ id: h.zookeeperId!, host: h.name, address: h.address })),
  brokers: hosts,
  zookeeperConnect: 'node01:2181,node02:2181,node03:2181',
  bootstrapServers: '192.168.58.11:9092,192.168.58.12:9092,192.168.58.13:9092',
};

export const files: RenderedFile[] = [
  { path: '/etc/zookeeper/zoo.cfg', content: 'tickTime=2000\n', mode: 0o640, owner: 'root', group: 'kafka', service: 'zookeeper', kind: 'file' },
  { path: '/etc/kafka/server.properties', content: 'broker.id=0\n', mode: 0o640, owner: 'root', group: 'kafka', service: 'kafka', kind: 'file' },
  { path: '/etc/hosts', content: '# BEGIN kafka-cluster-provisioner unit\n192.168.58.11 node01\n# END kafka-cluster-provisioner unit\n', mode: 0o644, owner: 'root', group: 'root', service: null, kind: 'block' },
];

export const SHA = 'b'.repeat(128);

export function freshFacts(): HostFacts {
  const paths = new Map<string, PathFact>();
  for (const p of [...desiredDirs(cluster, hosts[0]!).map((d) => d.path), ...files.map((f) => f.path)]) {
    paths.set(p, { path: p, type: 'missing', mode: null, owner: null, group: null, sha256: null });
  }
  return {
    paths,
    processes: { zookeeper: { service: 'zookeeper', running: false, pid: null, dist: null, crashed: false }, kafka: { service: 'kafka', running: false, pid: null, dist: null, crashed: false } },
    java: { major: 17, banner: 'openjdk version "17.0.15"' },
    disk: new Map([['/opt', 10e9], ['/var/lib', 10e9], ['/var/log', 10e9]]),
    listeners: [{ port: 22, pids: [1], process: 'sshd' }],
    userUid: null,
    dist: { tarballSha512: null, unpacked: false, linkTarget: null },
    etcHosts: '127.0.0.1 localhost\n',
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
  f.dist = { tarballSha512: SHA, unpacked: true, linkTarget: '/opt/kafka_2.13-3.9.1' };
  f.etcHosts = `127.0.0.1 localhost\n${files[2]!.content}`;
  f.processes = {
    zookeeper: { service: 'zookeeper', running: true, pid: 40, dist: 'kafka_2.13-3.9.1', crashed: false },
    kafka: { service: 'kafka', running: true, pid: 41, dist: 'kafka_2.13-3.9.1', crashed: false },
  };
  f.listeners.push({ port: 2181, pids: [40], process: 'java' }, { port: 9092, pids: [41], process: 'java' });
  return f;
}

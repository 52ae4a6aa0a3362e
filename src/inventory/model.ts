// The validated, derived cluster model. Everything downstream (render, remote, cluster, lab)
// reads this object and nothing else: the YAML is parsed and checked once, in load.ts.

export type KafkaSource = 'maven' | 'url' | 'file';

export interface KafkaSettings {
  version: string;
  scala: string;
  source: KafkaSource;
  /** source=url: tarball URL */
  url: string | null;
  /** source=url (required) or file (optional): expected sha512, lowercase hex */
  sha512: string | null;
  /** source=file: absolute path of kafka_<scala>-<version>.tgz */
  file: string | null;
  heap: string;
}

export interface ZooKeeperSettings {
  clientPort: number;
  peerPort: number;
  electionPort: number;
  heap: string;
  /** extra / overriding zoo.cfg keys, values as they will be written */
  config: Record<string, string>;
}

export interface BrokerSettings {
  port: number;
  /** extra / overriding server.properties keys for every broker */
  config: Record<string, string>;
}

export interface SshSettings {
  user: string;
  port: number;
  /** absolute path */
  identityFile: string;
  /** absolute path */
  knownHosts: string;
}

export interface Host {
  name: string;
  address: string;
  /** present => runs ZooKeeper with this myid (1..255) */
  zookeeperId: number | null;
  /** present => runs a Kafka broker with this broker.id */
  brokerId: number | null;
  /** this broker's overrides, win over BrokerSettings.config */
  brokerConfig: Record<string, string>;
}

export interface EnsembleMember {
  id: number;
  host: string;
  address: string;
}

export interface Cluster {
  name: string;
  /** absolute path of the inventory file */
  inventoryFile: string;
  /** folder that relative paths resolve against */
  baseDir: string;
  kafka: KafkaSettings;
  zookeeper: ZooKeeperSettings;
  broker: BrokerSettings;
  ssh: SshSettings;
  hosts: Host[];
  /** ZooKeeper ensemble, ordered by id */
  ensemble: EnsembleMember[];
  /** hosts running a broker, ordered by broker id */
  brokers: Host[];
  /** "node01:2181,node02:2181,node03:2181" (ensemble order) */
  zookeeperConnect: string;
  /** "192.168.56.11:9092,..." for clients outside the cluster (broker order) */
  bootstrapServers: string;
}

/** Name of the distribution folder and tarball, e.g. kafka_2.13-3.9.1 */
export function distName(kafka: Pick<KafkaSettings, 'scala' | 'version'>): string {
  return `kafka_${kafka.scala}-${kafka.version}`;
}

export function hostByName(cluster: Cluster, name: string): Host {
  const host = cluster.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`no host named ${name} in ${cluster.inventoryFile}`);
  return host;
}

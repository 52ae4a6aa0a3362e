// Where things live on every cluster host. One place, so the renderer, the provisioner, the
// facts readers and the lab agree. The lab gives each host its own /opt, /var/lib, /var/log
// and /etc, so these are real per-host paths there as on a VM.
import { distName, type KafkaSettings } from '../inventory/model.js';

export const SERVICE_USER = 'kafka';
export const SERVICE_GROUP = 'kafka';

export const layout = {
  /** versioned distribution folders live here; KAFKA_HOME is a symlink switched atomically */
  optDir: '/opt',
  kafkaHome: '/opt/kafka',
  /** where the uploaded tarball is kept, so its sha512 can be compared on the next run */
  distCache: '/opt/kafka-dist',
  /** launch scripts rendered by the tool */
  binDir: '/opt/kafka-cluster/bin',

  zookeeperConfDir: '/etc/zookeeper',
  zooCfg: '/etc/zookeeper/zoo.cfg',
  zookeeperLog4j: '/etc/zookeeper/log4j.properties',
  zookeeperDataDir: '/var/lib/zookeeper',
  zookeeperMyid: '/var/lib/zookeeper/myid',
  zookeeperTxnLogDir: '/var/lib/zookeeper/txlog',
  zookeeperLogDir: '/var/log/zookeeper',

  kafkaConfDir: '/etc/kafka',
  serverProperties: '/etc/kafka/server.properties',
  kafkaLog4j: '/etc/kafka/log4j.properties',
  kafkaDataDir: '/var/lib/kafka/data',
  kafkaLogDir: '/var/log/kafka',

  /** pidfiles, written by the launch scripts (root) and checked against /proc/PID/cmdline */
  runDir: '/var/lib/kafka-cluster/run',
  /** provisioner lock on the first host */
  lockDir: '/var/lib/kafka-cluster/lock',

  /** the managed block inside /etc/hosts */
  etcHosts: '/etc/hosts',
} as const;

export type Service = 'zookeeper' | 'kafka';

export const serviceScript = (service: Service): string => `${layout.binDir}/${service}-service.sh`;
export const pidFile = (service: Service): string => `${layout.runDir}/${service}.pid`;
export const serviceLog = (service: Service): string =>
  service === 'zookeeper' ? `${layout.zookeeperLogDir}/zookeeper.out` : `${layout.kafkaLogDir}/kafka.out`;

export const distDir = (kafka: Pick<KafkaSettings, 'scala' | 'version'>): string =>
  `${layout.optDir}/${distName(kafka)}`;
export const distTarball = (kafka: Pick<KafkaSettings, 'scala' | 'version'>): string =>
  `${layout.distCache}/${distName(kafka)}.tgz`;

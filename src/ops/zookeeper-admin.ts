// ZooKeeper mode, security secure: the SCRAM admin written to ZooKeeper before brokers serve
// clients, as Kafka documents it (kafka-configs --zookeeper: a broker cannot authenticate
// anyone before a credential exists). It runs as the service user over ZooKeeper's TLS port with
// the broker's own certificate: the broker's server.properties is the --zk-tls-config-file
// (kafka-configs reads only its zookeeper.ssl.* and socket keys), so the credential's znode gets
// the processes' ACL and no world access. The password is in a 0600 file (--add-config-file),
// never on a command line. Pure: the command as text.
import { sh } from '../core/shell.js';

export function zookeeperAdminCommand(o: {
  kafkaHome: string;
  configsClass: string;
  user: string;
  zookeeperConnect: string;
  /** the broker's server.properties: its ZooKeeper TLS settings */
  brokerConfig: string;
  /** "SCRAM-SHA-512=password=..." (0600, the service user's) */
  credentialFile: string;
  username: string;
}): string {
  return sh`KAFKA_HEAP_OPTS=-Xmx128m setpriv --reuid=${o.user} --regid=${o.user} --init-groups -- ${`${o.kafkaHome}/bin/kafka-run-class.sh`} ${o.configsClass} --zookeeper ${o.zookeeperConnect} --zk-tls-config-file ${o.brokerConfig} --alter --entity-type users --entity-name ${o.username} --add-config-file ${o.credentialFile}`;
}

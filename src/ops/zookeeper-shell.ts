// zookeeper-shell as the service user on a broker's host, with the commands on stdin (one JVM for
// all of them). Secured: over ZooKeeper's TLS port with the broker's own certificate, its
// server.properties being the TLS config file (only its zookeeper.ssl.* keys are read), so it
// may change the znodes only the processes' principal may. Pure: the command as text.
import { sh } from '../core/shell.js';

export const ZOOKEEPER_SHELL_CLASS = 'org.apache.zookeeper.ZooKeeperMainWithTlsSupportForKafka';

export function zookeeperShellCommand(o: {
  kafkaHome: string;
  user: string;
  zookeeperConnect: string;
  /** the broker's server.properties when ZooKeeper takes TLS only; null: plain */
  tlsConfig: string | null;
  /** one zookeeper-shell command per entry, e.g. "deleteall /controller" */
  commands: readonly string[];
}): string {
  const tls = o.tlsConfig ? ['-zk-tls-config-file', o.tlsConfig] : [];
  const input = o.commands.map((c) => `${c}\n`).join('');
  return sh`printf %s ${input} | KAFKA_HEAP_OPTS=-Xmx64m setpriv --reuid=${o.user} --regid=${o.user} --init-groups -- ${`${o.kafkaHome}/bin/kafka-run-class.sh`} ${ZOOKEEPER_SHELL_CLASS} ${tls} -server ${o.zookeeperConnect}`;
}

import { describe, expect, it } from 'vitest';
import { zookeeperShellCommand } from '../../src/ops/zookeeper-shell.js';

describe('zookeeper-shell on a broker host', () => {
  const base = { kafkaHome: '/opt/kafka', user: 'kafka', zookeeperConnect: 'node01:2181,node02:2181', commands: ['get /controller', 'deleteall /migration'] };
  it('runs as the service user, the commands on stdin, over TLS with the broker\'s own settings', () => {
    expect(zookeeperShellCommand({ ...base, tlsConfig: '/etc/kafka/server.properties' })).toBe(
      "printf %s 'get /controller\ndeleteall /migration\n' | KAFKA_HEAP_OPTS=-Xmx64m setpriv --reuid=kafka --regid=kafka --init-groups -- /opt/kafka/bin/kafka-run-class.sh org.apache.zookeeper.ZooKeeperMainWithTlsSupportForKafka -zk-tls-config-file /etc/kafka/server.properties -server node01:2181,node02:2181",
    );
  });
  it('plain when ZooKeeper takes no TLS', () => {
    expect(zookeeperShellCommand({ ...base, tlsConfig: null })).toMatch(/ org\.apache\.zookeeper\.ZooKeeperMainWithTlsSupportForKafka +-server node01:2181,node02:2181$/);
    expect(zookeeperShellCommand({ ...base, tlsConfig: null })).not.toContain('-zk-tls-config-file');
  });
});

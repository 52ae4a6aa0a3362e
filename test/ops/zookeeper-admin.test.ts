import { describe, expect, it } from 'vitest';
import { zookeeperAdminCommand } from '../../src/ops/zookeeper-admin.js';

describe('zookeeperAdminCommand', () => {
  it('adds the SCRAM admin through ZooKeeper over TLS as the service user, the password only in a file', () => {
    const command = zookeeperAdminCommand({
      kafkaHome: '/opt/kafka',
      configsClass: 'kafka.admin.ConfigCommand',
      user: 'kafka',
      zookeeperConnect: '192.168.56.11:2181,192.168.56.12:2181',
      brokerConfig: '/etc/kafka/server.properties',
      credentialFile: '/etc/kafka/tls/scram-admin.properties',
      username: 'admin',
    });
    expect(command).toBe(
      'KAFKA_HEAP_OPTS=-Xmx128m setpriv --reuid=kafka --regid=kafka --init-groups -- /opt/kafka/bin/kafka-run-class.sh kafka.admin.ConfigCommand ' +
        '--zookeeper 192.168.56.11:2181,192.168.56.12:2181 --zk-tls-config-file /etc/kafka/server.properties ' +
        '--alter --entity-type users --entity-name admin --add-config-file /etc/kafka/tls/scram-admin.properties',
    );
  });
});

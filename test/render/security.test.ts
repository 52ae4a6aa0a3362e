// security: secure as rendered: the listeners, the TLS, SASL and authorizer settings of each kind
// of process, and the files that hold the keys (their modes, owners, and that they are secret).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { renderCluster, renderProcess } from '../../src/render/index.js';
import { principalMappingRule } from '../../src/render/security.js';
import { writeRendered } from '../../src/render/write.js';
import { fakeMaterial, fakeSecrets } from '../support/fake-secrets.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const text = `cluster:
  name: sec.demo
  security: secure
  kafka: { version: "4.4.0" }
hosts:
  - { name: c1, address: 10.1.0.1, controller_id: 1 }
  - { name: n2, address: 10.1.0.2, controller_id: 2, broker_id: 2 }
  - { name: n3, address: 10.1.0.3, controller_id: 3, broker_id: 3 }
`;
const { cluster } = parseInventory('inventory.yaml', text);
const secrets = fakeSecrets(cluster)!;
const properties = (name: string): Map<string, string> => {
  const p = cluster.processes.find((x) => x.name === name)!;
  const file = renderProcess(cluster, p, secrets).find((f) => f.path.endsWith('server.properties'))!;
  return new Map(file.content.split('\n').filter((l) => /^[a-z]/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
};

describe('a secured cluster as rendered', () => {
  it('a combined node: clients on SASL_SSL SCRAM-SHA-512, brokers and controllers on mutual TLS, deny by default', () => {
    const p = properties('n2/kafka');
    expect(Object.fromEntries([...p].filter(([k]) => /listener|ssl|sasl|authorizer|super|allow/.test(k)))).toEqual({
      listeners: 'CLIENT://10.1.0.2:9092,REPLICATION://10.1.0.2:9091,CONTROLLER://10.1.0.2:9093',
      'advertised.listeners': 'CLIENT://10.1.0.2:9092,REPLICATION://10.1.0.2:9091,CONTROLLER://10.1.0.2:9093',
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'REPLICATION',
      'listener.security.protocol.map': 'CLIENT:SASL_SSL,REPLICATION:SSL,CONTROLLER:SSL',
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.location': '/etc/kafka/tls/keystore.pem',
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': '/etc/kafka/tls/ca.pem',
      'ssl.endpoint.identification.algorithm': 'https',
      'ssl.principal.mapping.rules': 'RULE:^CN=([^,]+),O=sec[.]demo$/$1/,DEFAULT',
      'listener.name.controller.ssl.client.auth': 'required',
      'listener.name.replication.ssl.client.auth': 'required',
      'listener.name.client.sasl.enabled.mechanisms': 'SCRAM-SHA-512',
      'listener.name.client.scram-sha-512.sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'allow.everyone.if.no.acl.found': 'false',
      'super.users': 'User:kcp-node;User:admin',
    });
    expect([...p.values()].join('\n')).not.toMatch(/PLAINTEXT/);
  });

  it('a dedicated controller: only the CONTROLLER listener, with client certificates required', () => {
    const p = properties('c1/controller');
    expect(p.get('listeners')).toBe('CONTROLLER://10.1.0.1:9093');
    expect(p.get('listener.security.protocol.map')).toBe('CONTROLLER:SSL');
    expect(p.get('listener.name.controller.ssl.client.auth')).toBe('required');
    expect(p.get('ssl.keystore.location')).toBe('/etc/kafka-controller/tls/keystore.pem');
    expect(p.has('listener.name.client.sasl.enabled.mechanisms')).toBe(false);
    expect(p.get('super.users')).toBe('User:kcp-node;User:admin');
  });

  it('the key store (key, then certificate) and the SCRAM arguments are secret, 0600 and the service user\'s; the CA is not secret', () => {
    const files = renderCluster(cluster, secrets).find((h) => h.host === 'n2')!.files.filter((f) => f.path.startsWith('/etc/kafka/tls/'));
    expect(files.map((f) => [f.path, f.mode.toString(8), f.owner, f.service, Boolean(f.secret)])).toEqual([
      ['/etc/kafka/tls/keystore.pem', '600', 'kafka', 'kafka', true],
      ['/etc/kafka/tls/ca.pem', '644', 'kafka', 'kafka', false],
      ['/etc/kafka/tls/scram-admin.args', '600', 'kafka', null, true],
    ]);
    expect(files[0]!.content).toBe(`${fakeMaterial('n2/kafka').key.reveal()}CERT-OF-n2/kafka\n`);
    expect(files[1]!.content).toBe('CA-CERT\n');
    expect(files[2]!.content).toBe('--add-scram\nSCRAM-SHA-512=[name=admin,password=the-admin-password-0123456789_ab]\n');
  });

  it('npm run render writes no key and no password, only where they are', async () => {
    const out = await mkdtemp(join(tmpdir(), 'render-'));
    try {
      await writeRendered(out, renderCluster(cluster, secrets));
      const keystore = await readFile(join(out, 'n2', '/etc/kafka/tls/keystore.pem'), 'utf8');
      expect(keystore).toMatch(/^# \/etc\/kafka\/tls\/keystore\.pem: \d+ bytes that hold a key or a password, not written here\n$/);
      expect(await readFile(join(out, 'n2', '/etc/kafka/tls/scram-admin.args'), 'utf8')).not.toContain('the-admin-password');
      expect(await readFile(join(out, 'n2', '/etc/kafka/tls/ca.pem'), 'utf8')).toBe('CA-CERT\n');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('a secured cluster renders only with its secrets, any other only without', () => {
    expect(() => renderCluster(cluster)).toThrow(/a secured cluster renders with its secrets/);
    const plain = parseInventory('inventory.yaml', text.replace('  security: secure\n', '  security: none\n')).cluster;
    expect(() => renderCluster(plain, secrets)).toThrow(/a secured cluster renders with its secrets, any other without/);
  });

  it('maps the subject "/O=<cluster>/CN=<name>" to User:<name>, the cluster\'s name taken literally', () => {
    const rule = principalMappingRule({ name: 'a.b-c' });
    expect(rule).toBe('RULE:^CN=([^,]+),O=a[.]b-c$/$1/,DEFAULT');
    const pattern = new RegExp(rule.slice(5, rule.indexOf('$/') + 1));
    expect('CN=kcp-node,O=a.b-c'.replace(pattern, '$1')).toBe('kcp-node');
    expect(pattern.test('CN=kcp-node,O=aXb-c')).toBe(false);
  });
});

describe('a secured ZooKeeper-mode cluster as rendered', () => {
  const zkText = `cluster:
  name: sec.zk
  security: secure
  kafka: { version: "3.9.2" }
hosts:
  - { name: z1, address: 10.2.0.1, zookeeper_id: 1, broker_id: 1 }
  - { name: z2, address: 10.2.0.2, zookeeper_id: 2, broker_id: 2 }
  - { name: z3, address: 10.2.0.3, zookeeper_id: 3, broker_id: 3 }
`;
  const zk = parseInventory('inventory.yaml', zkText).cluster;
  const zkSecrets = fakeSecrets(zk)!;
  const files = renderCluster(zk, zkSecrets).find((h) => h.host === 'z2')!.files;
  const lines = (path: string): string[] => files.find((f) => f.path === path)!.content.split('\n').filter((l) => /^[a-zA-Z]/.test(l));

  it('a broker: clients on SASL_SSL, brokers on mutual TLS, ZooKeeper over TLS with znode ACLs, AclAuthorizer', () => {
    const p = new Map(lines('/etc/kafka/server.properties').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(Object.fromEntries([...p].filter(([k]) => /listener|ssl|sasl|authorizer|super|allow|zookeeper/.test(k)))).toEqual({
      listeners: 'CLIENT://10.2.0.2:9092,REPLICATION://10.2.0.2:9091',
      'advertised.listeners': 'CLIENT://10.2.0.2:9092,REPLICATION://10.2.0.2:9091',
      'inter.broker.listener.name': 'REPLICATION',
      'listener.security.protocol.map': 'CLIENT:SASL_SSL,REPLICATION:SSL',
      'zookeeper.connect': 'z1:2181,z2:2181,z3:2181', // names: hostname verification by the DNS names of the certificates
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.location': '/etc/kafka/tls/keystore.pem',
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': '/etc/kafka/tls/ca.pem',
      'ssl.endpoint.identification.algorithm': 'https',
      'ssl.principal.mapping.rules': 'RULE:^CN=([^,]+),O=sec[.]zk$/$1/,DEFAULT',
      'zookeeper.ssl.client.enable': 'true',
      'zookeeper.clientCnxnSocket': 'org.apache.zookeeper.ClientCnxnSocketNetty',
      'zookeeper.ssl.keystore.type': 'PEM',
      'zookeeper.ssl.keystore.location': '/etc/kafka/tls/keystore.pem',
      'zookeeper.ssl.truststore.type': 'PEM',
      'zookeeper.ssl.truststore.location': '/etc/kafka/tls/ca.pem',
      'zookeeper.ssl.endpoint.identification.algorithm': 'HTTPS',
      'zookeeper.set.acl': 'true',
      'listener.name.replication.ssl.client.auth': 'required',
      'listener.name.client.sasl.enabled.mechanisms': 'SCRAM-SHA-512',
      'listener.name.client.scram-sha-512.sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      'authorizer.class.name': 'kafka.security.authorizer.AclAuthorizer',
      'allow.everyone.if.no.acl.found': 'false',
      'super.users': 'User:kcp-node;User:admin',
      // the broker defaults of ZooKeeper mode, untouched
      'zookeeper.connection.timeout.ms': '18000',
      'zookeeper.session.timeout.ms': '18000',
    });
    expect(lines('/etc/kafka/server.properties').join('\n')).not.toMatch(/PLAINTEXT|CONTROLLER/);
  });

  it('zoo.cfg: TLS only on the client port, client certificates required, TLS between the servers', () => {
    const cfg = lines('/etc/zookeeper/zoo.cfg');
    expect(cfg.filter((l) => /Port|ssl|CnxnFactory|authProvider/.test(l))).toEqual([
      'secureClientPort=2181',
      'serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory',
      'authProvider.x509=org.apache.zookeeper.server.auth.X509AuthenticationProvider',
      'ssl.keyStore.type=PEM',
      'ssl.keyStore.location=/etc/zookeeper/tls/keystore.pem',
      'ssl.trustStore.type=PEM',
      'ssl.trustStore.location=/etc/zookeeper/tls/ca.pem',
      'ssl.clientAuth=need',
      'ssl.hostnameVerification=true',
      'sslQuorum=true',
      'ssl.quorum.keyStore.type=PEM',
      'ssl.quorum.keyStore.location=/etc/zookeeper/tls/keystore.pem',
      'ssl.quorum.trustStore.type=PEM',
      'ssl.quorum.trustStore.location=/etc/zookeeper/tls/ca.pem',
      'ssl.quorum.clientAuth=need',
      'ssl.quorum.hostnameVerification=true',
    ]);
    expect(cfg.some((l) => l.startsWith('clientPort='))).toBe(false);
  });

  it('ZooKeeper gets its own key store and the CA; the broker the admin as kafka-configs\' --add-config-file', () => {
    const tls = files.filter((f) => f.path.includes('/tls/'));
    expect(tls.map((f) => [f.path, f.mode.toString(8), f.owner, f.service, Boolean(f.secret)])).toEqual([
      ['/etc/zookeeper/tls/keystore.pem', '600', 'kafka', 'zookeeper', true],
      ['/etc/zookeeper/tls/ca.pem', '644', 'kafka', 'zookeeper', false],
      ['/etc/kafka/tls/keystore.pem', '600', 'kafka', 'kafka', true],
      ['/etc/kafka/tls/ca.pem', '644', 'kafka', 'kafka', false],
      ['/etc/kafka/tls/scram-admin.properties', '600', 'kafka', null, true],
    ]);
    expect(tls[0]!.content).toBe(`${fakeMaterial('z2/zookeeper').key.reveal()}CERT-OF-z2/zookeeper\n`);
    expect(tls[4]!.content).toBe('SCRAM-SHA-512=password=the-admin-password-0123456789_ab\n');
  });
});

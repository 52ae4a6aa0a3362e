// cluster.security: what secure covers so far, and the keys it derives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { defaultInventoryText, expectProblem } from '../support/inventory-text.js';

const kraftText = readFileSync(join(import.meta.dirname, '..', '..', 'inventory.kraft.yaml'), 'utf8');
const secured = (text: string) => text.replace('  name: popularity-kraft\n', '  name: popularity-kraft\n  security: secure\n');

describe('cluster.security', () => {
  it('none unless asked; secure on a KRaft cluster, with the replication listener on 9091', () => {
    expect(parseInventory('inventory.yaml', kraftText).cluster.security).toBe('none');
    const { cluster } = parseInventory('inventory.yaml', secured(kraftText));
    expect(cluster.security).toBe('secure');
    expect(cluster.broker.replicationPort).toBe(9091);
  });

  it('secure in ZooKeeper mode too, its TLS keys the tool\'s own there', () => {
    const zk = defaultInventoryText.replace(/^(\s+)name: (.*)$/m, '$1name: $2\n$1security: secure');
    expect(parseInventory('inventory.yaml', zk).cluster).toMatchObject({ mode: 'zookeeper', security: 'secure' });
    for (const key of ['secureClientPort', 'ssl.clientAuth', 'sslQuorum', 'serverCnxnFactory', 'authProvider.x509']) {
      const text = zk.replace(/config: \{\} +# extra \/ overriding zoo\.cfg keys.*$/m, `config: { "${key}": "x" }`);
      expectProblem(text, key, `cluster.zookeeper.config.${key}`, /derived by security: secure \(ZooKeeper's TLS/);
    }
    const broker = (key: string) => zk.replace(/config: \{\} +# extra \/ overriding server\.properties keys.*$/m, `config: { "${key}": "x" }`);
    for (const key of ['zookeeper.ssl.client.enable', 'zookeeper.set.acl', 'zookeeper.clientCnxnSocket', 'inter.broker.listener.name']) {
      expectProblem(broker(key), key, `cluster.broker.config.${key}`, /derived by security: secure/);
    }
  });

  it('refuses another value and Spark hosts, located', () => {
    expectProblem(kraftText.replace('  name: popularity-kraft\n', '  name: popularity-kraft\n  security: tls\n'), 'security: tls', 'cluster.security', /must be none or secure/);
    const spark = secured(kraftText).replace('    broker_config: {}\n', '    broker_config: {}\n    spark_master: true\n    spark_worker: true\n');
    expectProblem(spark, 'spark_master: true', 'hosts[0].spark_master', /the Spark job cannot reach a secured cluster yet/);
  });

  it('keeps TLS, SASL and the authorizer to itself, and the replication port to one use', () => {
    const withKey = (key: string) => secured(kraftText).replace('    config: {}\n  ssh:', `    config: { "${key}": "x" }\n  ssh:`);
    for (const key of ['ssl.keystore.location', 'sasl.enabled.mechanisms', 'listener.name.client.ssl.client.auth', 'super.users', 'authorizer.class.name', 'allow.everyone.if.no.acl.found']) {
      expectProblem(withKey(key), key, `cluster.broker.config.${key}`, /derived by security: secure/);
    }
    // the same keys are the user's own when the cluster is not secured
    expect(parseInventory('inventory.yaml', withKey('ssl.keystore.location').replace('  security: secure\n', '')).cluster.broker.config).toMatchObject({ 'ssl.keystore.location': 'x' });
    const clash = secured(kraftText).replace(/^(\s+)port: 9092\n/m, '$1port: 9092\n$1replication_port: 9093\n');
    expectProblem(clash, 'replication_port: 9093', 'cluster.broker.replication_port', /port 9093 clashes with cluster\.controller\.port on host/);
  });
});

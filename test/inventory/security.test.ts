// cluster.security: secure unless the inventory says none (then a warning on every load), what
// secure covers so far, and the keys it derives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { defaultInventoryText, expectProblem, lineOfSnippet } from '../support/inventory-text.js';

const kraftText = readFileSync(join(import.meta.dirname, '..', '..', 'inventory.kraft.yaml'), 'utf8');
/** the shipped KRaft inventory without its security line: the default */
const unsaid = (text: string) => text.replace(/^  security: secure .*\n/m, '');
const plain = (text: string) => text.replace(/^  security: secure .*$/m, '  security: none');

describe('cluster.security', () => {
  it('secure unless the inventory says none, with the replication listener on 9091; none is warned of, located', () => {
    const loaded = parseInventory('inventory.yaml', unsaid(kraftText));
    expect(loaded.cluster).toMatchObject({ security: 'secure', broker: { replicationPort: 9091 } });
    expect(loaded.warnings).toEqual([]);
    const text = plain(kraftText);
    const none = parseInventory('inventory.yaml', text);
    expect(none.cluster.security).toBe('none');
    expect(none.warnings).toEqual([`warning: inventory.yaml:${lineOfSnippet(text, 'security: none')}: cluster.security: security: none: every listener is PLAINTEXT, and anyone who reaches a port can read, write and delete every topic and change the cluster's metadata; remove this line for TLS, SCRAM clients and ACLs (a new cluster)`]);
  });

  it('secure in ZooKeeper mode too, its TLS keys the tool\'s own there', () => {
    const zk = unsaid(defaultInventoryText);
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

  it('refuses another value, located; takes Spark hosts', () => {
    expectProblem(kraftText.replace(/^  security: secure .*$/m, '  security: tls'), 'security: tls', 'cluster.security', /must be none or secure/);
    const spark = unsaid(kraftText).replace('    broker_config: {}\n', '    broker_config: {}\n    spark_master: true\n    spark_worker: true\n');
    expect(parseInventory('inventory.yaml', spark)).toMatchObject({ cluster: { security: 'secure', sparkMasterUrl: expect.stringMatching(/^spark:\/\//) }, warnings: [] });
  });

  it('keeps TLS, SASL and the authorizer to itself, and the replication port to one use', () => {
    const withKey = (key: string) => unsaid(kraftText).replace('    config: {}\n  ssh:', `    config: { "${key}": "x" }\n  ssh:`);
    for (const key of ['ssl.keystore.location', 'sasl.enabled.mechanisms', 'listener.name.client.ssl.client.auth', 'super.users', 'authorizer.class.name', 'allow.everyone.if.no.acl.found']) {
      expectProblem(withKey(key), key, `cluster.broker.config.${key}`, /derived by security: secure/);
    }
    // the same keys are the user's own when the cluster is not secured
    const mine = plain(kraftText).replace('    config: {}\n  ssh:', '    config: { "ssl.keystore.location": "x" }\n  ssh:');
    expect(parseInventory('inventory.yaml', mine).cluster.broker.config).toMatchObject({ 'ssl.keystore.location': 'x' });
    const clash = unsaid(kraftText).replace(/^(\s+)port: 9092\n/m, '$1port: 9092\n$1replication_port: 9093\n');
    expectProblem(clash, 'replication_port: 9093', 'cluster.broker.replication_port', /port 9093 clashes with cluster\.controller\.port on host/);
  });
});

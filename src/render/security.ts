// security: secure, as server.properties and zoo.cfg settings and files: every listener on TLS
// (PEM stores, hostname verification on), clients on SASL_SSL with SCRAM-SHA-512, brokers and
// controllers among themselves on mutual TLS, and the metadata store's authorizer denying what no
// ACL allows (StandardAuthorizer in KRaft, AclAuthorizer in ZooKeeper mode); the super users are
// the processes' own principal and the admin. ZooKeeper mode adds ZooKeeper's client port on TLS
// with client certificates required, TLS between its servers, and znode ACLs that only the
// processes' principal may change. Pure: the keys come in as values.
import { hasRole, migratingToKraft, storeOf, type Cluster, type Mode, type Process } from '../inventory/model.js';
import type { ClusterSecrets } from '../security/cluster-secrets.js';
import { ADMIN_USER, processIdentity } from '../security/openssl.js';
import { servicePaths, SERVICE_GROUP, SERVICE_USER } from './layout.js';
import type { RenderedFile } from './types.js';

export const CLIENT_LISTENER = 'CLIENT';
export const REPLICATION_LISTENER = 'REPLICATION';

export interface TlsFiles {
  /** the process's key, then its certificate: the one file Kafka's PEM key store reads */
  keystore: string;
  /** the cluster's CA certificate */
  truststore: string;
  /** KRaft: kafka-storage format's arguments that add the SCRAM admin (an @file keeps them off the command line) */
  scramArgs: string;
  /** ZooKeeper mode: kafka-configs' --add-config-file that adds the SCRAM admin through ZooKeeper */
  scramConfig: string;
}

/** The services whose processes hold a key, a certificate and the CA (Spark's do not). */
export const TLS_SERVICES = ['kafka', 'controller', 'zookeeper'] as const;
export const holdsTls = (p: Pick<Process, 'service'>): boolean => (TLS_SERVICES as readonly string[]).includes(p.service);

/**
 * A PEM key store and trust store under `prefix` ("ssl.", "zookeeper.ssl.", ZooKeeper's
 * "ssl.quorum."), with "store" spelled as the reader spells it (ZooKeeper's own: "Store").
 */
function pemStores(prefix: string, files: TlsFiles, store: 'store' | 'Store' = 'store'): Array<[string, string]> {
  return [
    [`${prefix}key${store}.type`, 'PEM'],
    [`${prefix}key${store}.location`, files.keystore],
    [`${prefix}trust${store}.type`, 'PEM'],
    [`${prefix}trust${store}.location`, files.truststore],
  ];
}

export function tlsFiles(p: Pick<Process, 'service'>): TlsFiles {
  const dir = `${servicePaths(p.service).confDir}/tls`;
  return { keystore: `${dir}/keystore.pem`, truststore: `${dir}/ca.pem`, scramArgs: `${dir}/scram-admin.args`, scramConfig: `${dir}/scram-admin.properties` };
}

/**
 * What differs between the two metadata stores, in one place: where ACLs live (the authorizer),
 * whether processes have a CONTROLLER listener, how the SCRAM admin gets in before brokers serve
 * clients (kafka-storage format's arguments; kafka-configs' --add-config-file through ZooKeeper),
 * and what a Kafka process needs to reach the store itself (ZooKeeper: TLS and znode ACLs).
 */
interface StoreSecurity {
  authorizer: string;
  controllerListener: boolean;
  adminCredential: { file: (files: TlsFiles) => string; content: (username: string, password: string) => string };
  storeClientSettings: (files: TlsFiles) => Array<[string, string]>;
}

const STORE_SECURITY: Readonly<Record<Mode, StoreSecurity>> = {
  kraft: {
    authorizer: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    controllerListener: true,
    adminCredential: { file: (f) => f.scramArgs, content: (user, password) => `--add-scram\nSCRAM-SHA-512=[name=${user},password=${password}]\n` },
    storeClientSettings: () => [['listener.name.controller.ssl.client.auth', 'required']],
  },
  zookeeper: {
    authorizer: 'kafka.security.authorizer.AclAuthorizer',
    controllerListener: false,
    adminCredential: { file: (f) => f.scramConfig, content: (_user, password) => `SCRAM-SHA-512=password=${password}\n` },
    storeClientSettings: (f) => zookeeperClientSettings(f),
  },
};

/** The file that adds the SCRAM admin before brokers serve clients. */
export const adminCredentialFile = (mode: Mode, p: Pick<Process, 'service'>): string => STORE_SECURITY[mode].adminCredential.file(tlsFiles(p));

/** The common name of a certificate subject "/O=<cluster>/CN=<name>" as Kafka's principal: User:<name>. */
export function principalMappingRule(cluster: Pick<Cluster, 'name'>): string {
  // "." of a cluster name taken literally; a backslash would be eaten by the properties format
  return `RULE:^CN=([^,]+),O=${cluster.name.replaceAll('.', '[.]')}$/$1/,DEFAULT`;
}

const commonName = (subject: string): string => subject.slice(subject.lastIndexOf('/CN=') + 4);

/**
 * The listener map of a secured process: clients on SASL_SSL, brokers and controllers on mutual
 * TLS. `controller`: it has or reaches a CONTROLLER listener; `replication`: a controller-only
 * process that reaches brokers on theirs (a migrating controller, which sends ZooKeeper-mode
 * brokers their metadata).
 */
export function secureProtocolMap(p: Pick<Process, 'roles'>, reach: { controller: boolean; replication?: boolean }): string {
  const broker = hasRole(p, 'broker') ? [`${CLIENT_LISTENER}:SASL_SSL`, `${REPLICATION_LISTENER}:SSL`] : reach.replication ? [`${REPLICATION_LISTENER}:SSL`] : [];
  return [...broker, ...(reach.controller ? ['CONTROLLER:SSL'] : [])].join(',');
}

/**
 * ZooKeeper mode: the broker's ZooKeeper client on TLS with its own key and certificate (Netty:
 * the only ZooKeeper client socket that speaks TLS), ZooKeeper's certificate checked against the
 * CA and the address, and every znode Kafka creates writable only by the processes' principal.
 */
function zookeeperClientSettings(files: TlsFiles): Array<[string, string]> {
  return [
    ['zookeeper.ssl.client.enable', 'true'],
    ['zookeeper.clientCnxnSocket', 'org.apache.zookeeper.ClientCnxnSocketNetty'],
    ...pemStores('zookeeper.ssl.', files),
    ['zookeeper.ssl.endpoint.identification.algorithm', 'HTTPS'],
    ['zookeeper.set.acl', 'true'],
  ];
}

export function securitySettings(cluster: Cluster, p: Process): Array<[string, string]> {
  const files = tlsFiles(p);
  const nodePrincipal = commonName(processIdentity(cluster, p).subject);
  const broker = hasRole(p, 'broker');
  const store = STORE_SECURITY[storeOf(cluster, p)];
  // a migrating KRaft controller writes every metadata change to ZooKeeper too, as the brokers did
  const zookeeperToo = store.controllerListener && migratingToKraft(cluster, p);
  return [
    ...pemStores('ssl.', files),
    ['ssl.endpoint.identification.algorithm', 'https'],
    ['ssl.principal.mapping.rules', principalMappingRule(cluster)],
    ...store.storeClientSettings(files),
    ...(zookeeperToo ? zookeeperClientSettings(files) : []),
    ...(broker
      ? ([
          ['listener.name.replication.ssl.client.auth', 'required'],
          ['listener.name.client.sasl.enabled.mechanisms', 'SCRAM-SHA-512'],
          ['listener.name.client.scram-sha-512.sasl.jaas.config', 'org.apache.kafka.common.security.scram.ScramLoginModule required;'],
        ] as Array<[string, string]>)
      : []),
    ['authorizer.class.name', store.authorizer],
    ['allow.everyone.if.no.acl.found', 'false'],
    ['super.users', `User:${nodePrincipal};User:${ADMIN_USER}`],
  ];
}

/**
 * ZooKeeper's TLS in zoo.cfg: the client port takes TLS only (secureClientPort on the inventory's
 * client port, no plain clientPort), with a client certificate from the cluster's CA required;
 * the servers talk TLS to each other (quorum and election), checking each other's names.
 */
export function zookeeperTlsSettings(cluster: Pick<Cluster, 'zookeeper'>): Array<[string, string]> {
  const files = tlsFiles({ service: 'zookeeper' });
  return [
    ['secureClientPort', String(cluster.zookeeper.clientPort)],
    ['serverCnxnFactory', 'org.apache.zookeeper.server.NettyServerCnxnFactory'],
    ['authProvider.x509', 'org.apache.zookeeper.server.auth.X509AuthenticationProvider'],
    ...pemStores('ssl.', files, 'Store'),
    ['ssl.clientAuth', 'need'],
    ['ssl.hostnameVerification', 'true'],
    ['sslQuorum', 'true'],
    ...pemStores('ssl.quorum.', files, 'Store'),
    ['ssl.quorum.clientAuth', 'need'],
    ['ssl.quorum.hostnameVerification', 'true'],
  ];
}

/** The process's key store and trust store; a Kafka process's also the SCRAM admin's file. */
export function securityFiles(cluster: Pick<Cluster, 'mode'>, p: Process, secrets: ClusterSecrets): RenderedFile[] {
  const mode = storeOf(cluster, p);
  const material = secrets.processes.get(p.name);
  if (!material) throw new Error(`${p.name}: no key and certificate among the cluster's secrets`);
  const files = tlsFiles(p);
  const own = { owner: SERVICE_USER, group: SERVICE_GROUP, service: p.service, kind: 'file' as const };
  return [
    { ...own, path: files.keystore, content: `${material.key.reveal()}${material.certPem}`, mode: 0o600, secret: true },
    { ...own, path: files.truststore, content: secrets.caPem, mode: 0o644 },
    // read once, before the first broker start; a new password would not reach a running cluster anyway
    ...(p.service === 'zookeeper'
      ? []
      : [{ ...own, path: adminCredentialFile(mode, p), content: STORE_SECURITY[mode].adminCredential.content(secrets.admin.username, secrets.admin.password.reveal()), mode: 0o600, secret: true, service: null }]),
  ];
}

// security: secure, as server.properties settings and files: every listener on TLS (PEM stores,
// hostname verification on), clients on SASL_SSL with SCRAM-SHA-512, brokers and controllers
// among themselves on mutual TLS, and the StandardAuthorizer denying what no ACL allows; the
// super users are the processes' own principal and the admin. Pure: the keys come in as values.
import { hasRole, type Cluster, type Process } from '../inventory/model.js';
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
  /** kafka-storage format's arguments that add the SCRAM admin (an @file keeps them off the command line) */
  scramArgs: string;
}

export function tlsFiles(p: Pick<Process, 'service'>): TlsFiles {
  const dir = `${servicePaths(p.service).confDir}/tls`;
  return { keystore: `${dir}/keystore.pem`, truststore: `${dir}/ca.pem`, scramArgs: `${dir}/scram-admin.args` };
}

/** The common name of a certificate subject "/O=<cluster>/CN=<name>" as Kafka's principal: User:<name>. */
export function principalMappingRule(cluster: Pick<Cluster, 'name'>): string {
  // "." of a cluster name taken literally; a backslash would be eaten by the properties format
  return `RULE:^CN=([^,]+),O=${cluster.name.replaceAll('.', '[.]')}$/$1/,DEFAULT`;
}

const commonName = (subject: string): string => subject.slice(subject.lastIndexOf('/CN=') + 4);

/** The listener map of a secured process: clients on SASL_SSL, brokers and controllers on mutual TLS. */
export function secureProtocolMap(p: Pick<Process, 'roles'>): string {
  const broker = hasRole(p, 'broker') ? [`${CLIENT_LISTENER}:SASL_SSL`, `${REPLICATION_LISTENER}:SSL`] : [];
  return [...broker, 'CONTROLLER:SSL'].join(',');
}

export function securitySettings(cluster: Cluster, p: Process): Array<[string, string]> {
  const files = tlsFiles(p);
  const nodePrincipal = commonName(processIdentity(cluster, p).subject);
  const broker = hasRole(p, 'broker');
  return [
    ['ssl.keystore.type', 'PEM'],
    ['ssl.keystore.location', files.keystore],
    ['ssl.truststore.type', 'PEM'],
    ['ssl.truststore.location', files.truststore],
    ['ssl.endpoint.identification.algorithm', 'https'],
    ['ssl.principal.mapping.rules', principalMappingRule(cluster)],
    ['listener.name.controller.ssl.client.auth', 'required'],
    ...(broker
      ? ([
          ['listener.name.replication.ssl.client.auth', 'required'],
          ['listener.name.client.sasl.enabled.mechanisms', 'SCRAM-SHA-512'],
          ['listener.name.client.scram-sha-512.sasl.jaas.config', 'org.apache.kafka.common.security.scram.ScramLoginModule required;'],
        ] as Array<[string, string]>)
      : []),
    ['authorizer.class.name', 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'],
    ['allow.everyone.if.no.acl.found', 'false'],
    ['super.users', `User:${nodePrincipal};User:${ADMIN_USER}`],
  ];
}

/** The process's key store and trust store, and the SCRAM admin for kafka-storage format. */
export function securityFiles(p: Process, secrets: ClusterSecrets): RenderedFile[] {
  const material = secrets.processes.get(p.name);
  if (!material) throw new Error(`${p.name}: no key and certificate among the cluster's secrets`);
  const files = tlsFiles(p);
  const own = { owner: SERVICE_USER, group: SERVICE_GROUP, service: p.service, kind: 'file' as const };
  const scram = `--add-scram\nSCRAM-SHA-512=[name=${secrets.admin.username},password=${secrets.admin.password.reveal()}]\n`;
  return [
    { ...own, path: files.keystore, content: `${material.key.reveal()}${material.certPem}`, mode: 0o600, secret: true },
    { ...own, path: files.truststore, content: secrets.caPem, mode: 0o644 },
    // read once, by the format; a new password would not reach a formatted cluster anyway
    { ...own, path: files.scramArgs, content: scram, mode: 0o600, secret: true, service: null },
  ];
}

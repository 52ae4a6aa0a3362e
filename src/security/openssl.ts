// The commands that make the cluster's certificate authority and its processes' keys and
// certificates: pure argv builders (OpenSSL 3), tested as text. Keys are RSA 2048 in PKCS#8
// ("BEGIN PRIVATE KEY"), the only PEM key form Kafka's PEM store, ZooKeeper and Node all read;
// genpkey prints them to stdout so that the caller writes them 0600 itself. No secret is ever on
// a command line: keys are read from files.
import type { Cluster, Process } from '../inventory/model.js';

export interface Identity {
  /** OpenSSL's -subj form, most significant first: "/O=demo/CN=kcp-node" */
  subject: string;
  dns: string[];
  ips: string[];
}

/** 10 years: a CA outlives every certificate it issues; renewal of the CA is a staged change. */
export const CA_DAYS = 3650;
/** 825 days: the longest validity that clients such as Apple's and Chrome's still accept. */
export const LEAF_DAYS = 825;

const SUBJECT_VALUE = /^[A-Za-z0-9 ._-]+$/;

/** "/O=a/CN=b" from ordered [field, value] pairs; values are inventory names, checked anyway. */
export function subjectOf(parts: readonly [string, string][]): string {
  return parts
    .map(([field, value]) => {
      if (!SUBJECT_VALUE.test(value)) throw new Error(`subject ${field}=${JSON.stringify(value)} may hold only letters, digits, spaces, ".", "_" and "-"`);
      return `/${field}=${value}`;
    })
    .join('');
}

export function caIdentity(cluster: Pick<Cluster, 'name'>): Identity {
  return { subject: subjectOf([['O', 'kafka-cluster-provisioner'], ['CN', `${cluster.name} CA`]]), dns: [], ips: [] };
}

/**
 * Every Kafka and ZooKeeper process of a cluster shares one subject (so one principal, which
 * super.users and ZooKeeper's znode ACLs name), each with its own key and its host's name and
 * address as subject alternative names, for hostname verification by name or by IP.
 */
export function processIdentity(cluster: Pick<Cluster, 'name'>, process: Pick<Process, 'host'>): Identity {
  return { subject: subjectOf([['O', cluster.name], ['CN', NODE_USER]]), dns: [process.host.name], ips: [process.host.address] };
}

/** The principal every Kafka process of a cluster has (its certificates' CN): a super user. */
export const NODE_USER = 'kcp-node';

/** The SCRAM admin user's name; the tool's own client certificate maps to the same principal. */
export const ADMIN_USER = 'admin';

/**
 * The tool's client certificate for the listeners that take certificates only (CONTROLLER): its
 * subject maps to User:admin, the principal of the SCRAM admin, so super.users names one admin.
 */
export function adminIdentity(cluster: Pick<Cluster, 'name'>): Identity {
  return { subject: subjectOf([['O', cluster.name], ['CN', ADMIN_USER]]), dns: ['kcp-admin'], ips: [] };
}

/** A new RSA 2048 private key, PKCS#8 PEM on stdout. */
export const newKeyArgv = (): string[] => ['openssl', 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];

/** The CA's self-signed certificate: CA:TRUE, may sign certificates and CRLs only. */
export function caCertificateArgv(o: { key: string; out: string; identity: Identity; days?: number }): string[] {
  return [
    'openssl', 'req', '-x509', '-new', '-sha256', '-key', o.key, '-subj', o.identity.subject, '-days', String(o.days ?? CA_DAYS),
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-out', o.out,
  ];
}

/** A process's certificate, signed by the CA: server and client authentication, names as SANs. */
export function processCertificateArgv(o: { key: string; out: string; caCert: string; caKey: string; identity: Identity; days?: number }): string[] {
  const sans = [...o.identity.dns.map((d) => `DNS:${d}`), ...o.identity.ips.map((ip) => `IP:${ip}`)];
  if (sans.length === 0) throw new Error(`${o.identity.subject}: a process certificate needs at least one name`);
  return [
    'openssl', 'req', '-x509', '-new', '-sha256', '-key', o.key, '-CA', o.caCert, '-CAkey', o.caKey, '-subj', o.identity.subject, '-days', String(o.days ?? LEAF_DAYS),
    '-addext', `subjectAltName=${sans.join(',')}`,
    '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment',
    '-addext', 'extendedKeyUsage=serverAuth,clientAuth',
    '-out', o.out,
  ];
}

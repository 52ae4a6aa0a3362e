// Everything secret a secured cluster needs, from its folder on this machine: the CA, each Kafka
// and ZooKeeper process's key and certificate, the SCRAM admin's password, and the tool's own
// client certificate (for the listeners that take certificates only). provision and render make what is
// missing; every other command only reads, so that no second CA appears by accident on a machine
// that never provisioned the cluster.
import { join } from 'node:path';
import { OperationError } from '../core/errors.js';
import type { ClientSecurity } from '../kafka/types.js';
import type { Cluster } from '../inventory/model.js';
import { readTextIfExists } from '../fs/read-text-if-exists.js';
import { ensureCa, issuedMaterial, keptSecret, materialFiles, processMaterial, runLocal, securityDir, type Run } from './ca.js';
import { ADMIN_USER, adminIdentity } from './openssl.js';
import { holdsTls } from '../render/security.js';
import { generatePassword, Secret } from './secret.js';

export interface Material {
  key: Secret;
  certPem: string;
}

/** What a client of the cluster needs: the CA's certificate and the admin's credentials. */
export interface AdminSecrets {
  caPem: string;
  admin: { username: string; password: Secret; tls: Material };
}

export interface ClusterSecrets extends AdminSecrets {
  /** by process name ("node01/kafka") */
  processes: ReadonlyMap<string, Material>;
}

const PASSWORD_FILE = 'admin.password';

/**
 * provision and render: everything, made where missing; null when the cluster is not secured.
 * `renew` (npm run rotate-certs): a new key and certificate for every process and the tool,
 * from the same CA, whatever the old ones.
 */
export async function clusterSecrets(cluster: Cluster, run: Run = runLocal, o: { renew?: boolean } = {}): Promise<ClusterSecrets | null> {
  if (cluster.security !== 'secure') return null;
  const ca = await ensureCa(cluster, run);
  const jvms = cluster.processes.filter(holdsTls);
  const materials = await Promise.all(jvms.map((p) => processMaterial(cluster, ca, p, run, o.renew)));
  const tls = await issuedMaterial(ca, ADMIN_USER, adminIdentity(cluster), run, o.renew);
  const password = await keptSecret(join(ca.dir, PASSWORD_FILE), () => generatePassword());
  return {
    caPem: ca.certPem,
    processes: new Map(jvms.map((p, i) => [p.name, { key: materials[i]!.key, certPem: materials[i]!.certPem }])),
    admin: { username: ADMIN_USER, password, tls: { key: tls.key, certPem: tls.certPem } },
  };
}

/**
 * Every other command: the CA's certificate and the admin's credentials as provision left them.
 * Reads only, and checks nothing it would have to renew; null when the cluster is not secured.
 */
export async function adminSecrets(cluster: Cluster): Promise<AdminSecrets | null> {
  if (cluster.security !== 'secure') return null;
  const dir = securityDir(cluster);
  const { keyFile, certFile } = materialFiles(dir, ADMIN_USER);
  const [caPem, key, certPem, password] = await Promise.all([join(dir, 'ca.crt'), keyFile, certFile, join(dir, PASSWORD_FILE)].map(readTextIfExists));
  if (caPem == null || key == null || certPem == null || password == null) {
    throw new OperationError(`cluster ${cluster.name} is secured, but this machine has no keys for it (${dir}): run npm run provision from the machine that made them, or copy that folder here; a cluster made without security needs security: none in its inventory (secure is the default)`);
  }
  return { caPem, admin: { username: ADMIN_USER, password: new Secret(password.trim()), tls: { key: new Secret(key), certPem } } };
}

/** As the admin, on a broker's client listener (SASL_SSL, SCRAM-SHA-512). */
export const brokerClientSecurity = (s: AdminSecrets): ClientSecurity => ({ ca: s.caPem, sasl: { username: s.admin.username, password: s.admin.password } });

/** As the admin, on a listener that takes client certificates only (CONTROLLER). */
export const certificateClientSecurity = (s: AdminSecrets): ClientSecurity => ({ ca: s.caPem, cert: { certPem: s.admin.tls.certPem, key: s.admin.tls.key } });

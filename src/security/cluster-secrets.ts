// Everything secret a secured cluster needs, from its folder on this machine: the CA, each Kafka
// process's key and certificate, the SCRAM admin's password, and the tool's own client
// certificate (for the listeners that take certificates only). provision and render make what is
// missing; every other command only reads, so that no second CA appears by accident on a machine
// that never provisioned the cluster.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, OperationError } from '../core/errors.js';
import type { ClientSecurity } from '../kafka/types.js';
import type { Cluster } from '../inventory/model.js';
import { ensureCa, issuedMaterial, keptSecret, processMaterial, runLocal, securityDir, type Run } from './ca.js';
import { ADMIN_USER, adminIdentity } from './openssl.js';
import { generatePassword, type Secret } from './secret.js';

export interface Material {
  key: Secret;
  certPem: string;
}

export interface ClusterSecrets {
  caPem: string;
  /** by process name ("node01/kafka") */
  processes: ReadonlyMap<string, Material>;
  admin: { username: string; password: Secret; tls: Material };
}

/** null when the cluster is not secured; `create` makes what is missing (provision, render). */
export async function clusterSecrets(cluster: Cluster, o: { create: boolean; run?: Run }): Promise<ClusterSecrets | null> {
  if (cluster.security !== 'secure') return null;
  const dir = securityDir(cluster);
  if (!o.create) {
    await access(join(dir, 'ca.key')).catch(() => {
      throw new OperationError(`cluster ${cluster.name} is secured, but this machine has no keys for it (${dir}): run npm run provision from the machine that made them, or copy that folder here`);
    });
  }
  const run = o.run ?? runLocal;
  const ca = await ensureCa(cluster, run);
  const kafka = cluster.processes.filter((p) => p.service === 'kafka' || p.service === 'controller');
  const materials = await Promise.all(kafka.map((p) => processMaterial(cluster, ca, p, run)));
  const tls = await issuedMaterial(ca, 'admin', adminIdentity(cluster), run);
  const password = await keptSecret(join(dir, 'admin.password'), () => generatePassword());
  return {
    caPem: ca.certPem,
    processes: new Map(kafka.map((p, i) => [p.name, { key: materials[i]!.key, certPem: materials[i]!.certPem }])),
    admin: { username: ADMIN_USER, password, tls: { key: tls.key, certPem: tls.certPem } },
  };
}

/** As the admin, on a broker's client listener (SASL_SSL, SCRAM-SHA-512). */
export const brokerClientSecurity = (s: ClusterSecrets): ClientSecurity => ({ ca: s.caPem, sasl: { username: s.admin.username, password: s.admin.password } });

/** As the admin, on a listener that takes client certificates only (CONTROLLER). */
export const certificateClientSecurity = (s: ClusterSecrets): ClientSecurity => ({ ca: s.caPem, cert: { certPem: s.admin.tls.certPem, key: s.admin.tls.key } });

/** For the commands that cannot reach a secured cluster yet: exit 2 before they touch anything. */
export function refuseSecured(cluster: Pick<Cluster, 'security' | 'inventoryFile'>, what: string): void {
  if (cluster.security !== 'secure') return;
  throw new InputError(`${cluster.inventoryFile}: cluster.security: secure: ${what} cannot reach a secured cluster yet (provision, start-cluster, stop-cluster, restart-cluster, status and verify can)`);
}

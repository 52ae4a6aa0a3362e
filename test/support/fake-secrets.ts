// Fixed stand-ins for a secured cluster's keys, certificates and admin password, so that its
// files render the same bytes on every run (render tests and goldens): each names what it stands
// for, and no real key is made.
import type { Cluster } from '../../src/inventory/model.js';
import type { ClusterSecrets } from '../../src/security/cluster-secrets.js';
import { Secret } from '../../src/security/secret.js';

export const fakeMaterial = (name: string) => ({ key: new Secret(`-----BEGIN PRIVATE KEY-----\nKEY-OF-${name}\n-----END PRIVATE KEY-----\n`), certPem: `CERT-OF-${name}\n` });

/** The stand-ins for every process of `cluster`; null when it is not secured, as clusterSecrets returns. */
export function fakeSecrets(cluster: Pick<Cluster, 'security' | 'processes'>): ClusterSecrets | null {
  if (cluster.security !== 'secure') return null;
  return {
    caPem: 'CA-CERT\n',
    processes: new Map(cluster.processes.map((p) => [p.name, fakeMaterial(p.name)])),
    admin: { username: 'admin', password: new Secret('the-admin-password-0123456789_ab'), tls: fakeMaterial('admin') },
  };
}

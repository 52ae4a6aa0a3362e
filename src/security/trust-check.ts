// Guards of provision's preflight for a secured cluster, both against a rolling restart that would
// cut each restarted process off from the others:
// - a second CA: a machine that never provisioned the cluster (no copy of its .kcp-secrets folder)
//   makes a CA of its own, whose certificates the running processes do not trust. A host whose
//   trust store already holds another CA stops provision, before any change.
// - security turned on live: a process restarted with TLS cannot talk to those still without it
//   (a ZooKeeper server not even to its peers). A running process with no trust store yet stops
//   provision too, and so does a stopped one whose data a cluster without security made: its admin
//   and znode ACLs are made only for a new cluster.
import { createHash } from 'node:crypto';
import type { Cluster, Process } from '../inventory/model.js';
import type { HostFacts } from '../facts/gather.js';
import type { HostFile } from '../render/types.js';
import { servicePaths } from '../render/layout.js';
import { holdsTls, tlsFiles, TLS_SERVICES } from '../render/security.js';
import { securityDir } from './ca.js';

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** One line per host whose trust store holds a CA other than the one this machine renders. */
export function foreignCaProblems(cluster: Pick<Cluster, 'security' | 'baseDir' | 'name'>, rendered: ReadonlyMap<string, readonly HostFile[]>, facts: ReadonlyMap<string, Pick<HostFacts, 'paths'>>): string[] {
  if (cluster.security !== 'secure') return [];
  const trustStores = new Set(TLS_SERVICES.map((service) => tlsFiles({ service }).truststore));
  const problems: string[] = [];
  for (const [host, files] of rendered) {
    for (const f of files.filter((x) => trustStores.has(x.path))) {
      const seen = facts.get(host)?.paths.get(f.path)?.sha256 ?? null;
      if (seen === null || seen === sha256(f.content)) continue;
      problems.push(
        `${host}: ${f.path} holds another CA (sha256 ${seen.slice(0, 12)}) than ${securityDir(cluster)}/ca.crt (sha256 ${sha256(f.content).slice(0, 12)}): ` +
          'this cluster\'s keys were made on another machine; copy its .kcp-secrets folder here (a CA made here would cut each restarted process off from the others)',
      );
    }
  }
  return problems;
}

/** What the operator of a cluster made without security does to keep it so. */
const KEEP_AS_IS = 'only a new cluster can be secured (and secure is the default unless the inventory says otherwise): to keep this cluster as it is, put security: none under cluster: in the inventory';

/**
 * A secured cluster that no host has a trust store of yet (security is being turned on): one line
 * per Kafka or ZooKeeper process that runs, or whose data folder a cluster without security used.
 * Once any host holds a trust store the cluster was secured before, and a host that lost its
 * files simply gets them back.
 */
export function liveSecuritySwitchProblems(
  cluster: Pick<Cluster, 'security' | 'processes'>,
  facts: ReadonlyMap<string, Pick<HostFacts, 'paths' | 'processes' | 'storage'>>,
): string[] {
  if (cluster.security !== 'secure') return [];
  const processes = cluster.processes.filter(holdsTls);
  const trusted = (p: Process) => Boolean(facts.get(p.host.name)?.paths.get(tlsFiles(p).truststore)?.sha256);
  if (processes.some(trusted)) return [];
  return processes.flatMap((p) => {
    const fact = facts.get(p.host.name);
    const truststore = tlsFiles(p).truststore;
    if (!fact) return [];
    if (fact.processes[p.service].running) {
      return [`${p.name}: runs without TLS (no ${truststore}) in a cluster the inventory secures; ${KEEP_AS_IS} (each process restarted with TLS would lose the others)`];
    }
    const dir = servicePaths(p.service).dataDir;
    if (fact.storage.get(dir)?.clusterId) {
      return [`${p.name}: ${dir} holds the data of a cluster that ran without security; ${KEEP_AS_IS} (its SCRAM admin and ZooKeeper's znode ACLs are made only for a new cluster)`];
    }
    return [];
  });
}

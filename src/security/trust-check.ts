// The guard against a second CA: a machine that never provisioned a secured cluster (no copy of
// its .kcp-secrets folder) makes a CA of its own, and provision would then roll certificates the
// running processes do not trust: the first one restarted could reach none of the others. So a
// host whose trust store already holds another CA stops provision in preflight, before any change.
import { createHash } from 'node:crypto';
import type { Cluster } from '../inventory/model.js';
import type { HostFacts } from '../facts/gather.js';
import type { HostFile } from '../render/types.js';
import { tlsFiles } from '../render/security.js';
import { securityDir } from './ca.js';

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** One line per host whose trust store holds a CA other than the one this machine renders. */
export function foreignCaProblems(cluster: Pick<Cluster, 'security' | 'baseDir' | 'name'>, rendered: ReadonlyMap<string, readonly HostFile[]>, facts: ReadonlyMap<string, Pick<HostFacts, 'paths'>>): string[] {
  if (cluster.security !== 'secure') return [];
  const trustStores = new Set([tlsFiles({ service: 'kafka' }).truststore, tlsFiles({ service: 'controller' }).truststore]);
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

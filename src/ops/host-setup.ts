// The service user and the folders the services need, as commands (or nothing when the host
// already has them right). Pure builders over the path and user facts.
import type { PathFact } from '../facts/paths.js';
import { isSpark, type Cluster, type Host } from '../inventory/model.js';
import { layout, servicePaths, SERVICE_GROUP, SERVICE_USER, zookeeperFiles } from '../render/layout.js';
import { modeString } from '../remote/put.js';
import { sh } from '../core/shell.js';

export interface DirSpec {
  path: string;
  owner: string;
  group: string;
  mode: number;
}

const root = (path: string, mode = 0o755): DirSpec => ({ path, owner: 'root', group: 'root', mode });
const service = (path: string, mode = 0o750): DirSpec => ({ path, owner: SERVICE_USER, group: SERVICE_GROUP, mode });
const config = (path: string): DirSpec => ({ path, owner: 'root', group: SERVICE_GROUP, mode: 0o750 });

/** Folders a host needs for its processes, parents before children. */
export function desiredDirs(cluster: Cluster, host: Host): DirSpec[] {
  const dirs: DirSpec[] = [root(layout.distCache), root(layout.binDir), root(layout.libDir), root(layout.runDir)];
  for (const p of cluster.processes.filter((x) => x.host.name === host.name)) {
    const paths = servicePaths(p.service);
    dirs.push(config(paths.confDir), service(paths.stateDir));
    if (paths.dataDir !== paths.stateDir) dirs.push(service(paths.dataDir));
    if (p.service === 'zookeeper') dirs.push(service(zookeeperFiles.txnLogDir));
    dirs.push(service(paths.logDir));
  }
  const store = cluster.spark.checkpointStore;
  if (cluster.processes.some((p) => p.host.name === host.name && isSpark(p)) && store.kind === 'folder') dirs.push(service(store.path));
  return dirs;
}

export interface Step {
  what: string;
  reason: string;
  command: string;
}

export function dirSteps(dirs: DirSpec[], facts: Map<string, PathFact>): Step[] {
  return dirs.flatMap((d): Step[] => {
    const fact = facts.get(d.path);
    const install = sh`install -d -o ${d.owner} -g ${d.group} -m ${modeString(d.mode)} -- ${d.path}`;
    if (!fact || fact.type === 'missing') return [{ what: d.path, reason: 'new folder', command: install }];
    if (fact.type !== 'dir') throw new Error(`${d.path} should be a folder but is a ${fact.type}`);
    if (fact.owner === d.owner && fact.group === d.group && fact.mode === d.mode) return [];
    return [{
      what: d.path,
      reason: `${fact.owner}:${fact.group} ${modeString(fact.mode ?? 0)} -> ${d.owner}:${d.group} ${modeString(d.mode)}`,
      command: install,
    }];
  });
}

/** A system user with its own group, no login, no home folder created. */
export function userStep(uid: number | null): Step | null {
  if (uid !== null) return null;
  return {
    what: `user ${SERVICE_USER}`,
    reason: 'missing',
    command: sh`getent group ${SERVICE_GROUP} >/dev/null || groupadd --system ${SERVICE_GROUP}; useradd --system --gid ${SERVICE_GROUP} --no-create-home --home-dir /var/lib/kafka --shell /usr/sbin/nologin ${SERVICE_USER}`,
  };
}

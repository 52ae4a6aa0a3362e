// KRaft storage, decided from facts: every controller and broker data folder is formatted once
// with the cluster's id (kafka-storage format), never again, and a folder formatted for another
// cluster or node is refused rather than overwritten. The quorum is dynamic (KIP-853): the
// controllers are formatted together with --initial-controllers, naming each one's directory
// id; brokers with --no-initial-controllers. Pure: facts and ids in, commands or refusals out.
import { randomBytes } from 'node:crypto';
import type { MetaProperties } from '../facts/storage.js';
import { hasRole, type Process } from '../inventory/model.js';
import { raw, sh } from '../core/shell.js';

/** A Kafka Uuid as Kafka prints it: 16 random bytes, unpadded base64url, never all zero, never a leading "-". */
export function randomKafkaUuid(random: (n: number) => Buffer = randomBytes): string {
  for (;;) {
    const bytes = random(16);
    const text = bytes.toString('base64url');
    if (!text.startsWith('-') && bytes.some((b) => b !== 0)) return text;
  }
}

export interface StorageFact {
  process: Process;
  dir: string;
  meta: MetaProperties;
}

export type ClusterIdResolution = { id: string; source: 'recorded' | 'hosts' | 'new' } | { problem: string };

/**
 * The cluster id: the one recorded beside the inventory; else the one every formatted folder
 * carries; else a new one. Folders that disagree among themselves with nothing recorded are a
 * problem for a person to settle.
 */
export function resolveClusterId(recorded: string | null, facts: readonly StorageFact[], make: () => string = randomKafkaUuid): ClusterIdResolution {
  if (recorded) return { id: recorded, source: 'recorded' };
  const ids = [...new Set(facts.flatMap((f) => (f.meta.clusterId ? [f.meta.clusterId] : [])))];
  if (ids.length === 1) return { id: ids[0]!, source: 'hosts' };
  if (ids.length === 0) return { id: make(), source: 'new' };
  const where = facts.filter((f) => f.meta.clusterId).map((f) => `${f.process.name} ${f.dir}: ${f.meta.clusterId}`).join('; ');
  return { problem: `the hosts' data folders are formatted for different clusters (${where}) and no cluster id is recorded; write the right one to the cluster id file, or clear the folders of the other cluster` };
}

/** Folders this cluster cannot use as they are: formatted for another cluster, or another node. */
export function storageProblems(clusterId: string, facts: readonly StorageFact[], idFile: string): string[] {
  return facts.flatMap((f) => {
    const { clusterId: seen, nodeId } = f.meta;
    if (seen === null) return [];
    if (seen !== clusterId) {
      return [`${f.process.name}: ${f.dir} is formatted for cluster ${seen}, and this cluster is ${clusterId} (${idFile}); refusing to use or overwrite it: if its data is not needed, delete ${f.dir}/meta.properties and its data, then provision again`];
    }
    if (nodeId !== f.process.id) return [`${f.process.name}: ${f.dir} is formatted for node ${nodeId}, and this process is node ${f.process.id}; refusing to use or overwrite it`];
    return [];
  });
}

export interface FormatStep {
  process: Process;
  dir: string;
  /** controllers of a new quorum: "id@host:port:directoryId,..."; null for a broker */
  initialControllers: string | null;
}

/**
 * Which folders to format. A new quorum formats every controller at once with the same
 * --initial-controllers (each controller's directory id chosen here); a controller missing from
 * a quorum that exists would have to join it as a new voter, which is refused.
 */
export function planFormats(facts: readonly StorageFact[], endpointOf: (p: Process) => string, makeId: () => string = randomKafkaUuid): { steps: FormatStep[]; problems: string[] } {
  const controllers = facts.filter((f) => hasRole(f.process, 'controller'));
  const unformatted = facts.filter((f) => f.meta.clusterId === null);
  const newQuorum = controllers.length > 0 && controllers.every((f) => f.meta.clusterId === null);
  const missing = controllers.filter((f) => f.meta.clusterId === null);
  if (!newQuorum && missing.length > 0) {
    const names = missing.map((f) => f.process.name).join(', ');
    return { steps: [], problems: [`${names}: not formatted, but the quorum exists: adding a controller to a running quorum (kafka-metadata-quorum add-controller) is not automated; format it with --no-initial-controllers and add it by hand`] };
  }
  const voters = newQuorum ? controllers.map((f) => `${f.process.id}@${endpointOf(f.process)}:${makeId()}`).join(',') : null;
  const steps = unformatted.map((f) => ({ process: f.process, dir: f.dir, initialControllers: hasRole(f.process, 'controller') ? voters : null }));
  return { steps, problems: [] };
}

/**
 * kafka-storage format as the service user, so the folder stays the service's own. `scramArgs`:
 * a file of further arguments (--add-scram with the admin's password) read through "@file", so
 * no password is on a command line; the tool's stdout, which lists the credential's salted keys,
 * is dropped then. The cluster id is joined to its option: a ZooKeeper-mode cluster's id (which a
 * migration's controllers are formatted with) may begin with "-", which kafka-storage would take
 * for an option of its own.
 */
export function formatCommand(o: {
  kafkaHome: string;
  storageClass: string;
  user: string;
  clusterId: string;
  config: string;
  initialControllers: string | null;
  scramArgs?: string | null;
  /** a static quorum (controller.quorum.voters, as a migration from ZooKeeper has it): no quorum flag, kraft.version 0 */
  staticQuorum?: boolean;
  /** the metadata.version to start from ("3.9"): a migration's must equal the brokers' inter.broker.protocol.version */
  releaseVersion?: string | null;
}): string {
  const quorum = o.staticQuorum ? [] : o.initialControllers === null ? ['--no-initial-controllers'] : ['--initial-controllers', o.initialControllers];
  const release = o.releaseVersion ? ['--release-version', o.releaseVersion] : [];
  const command = sh`KAFKA_HEAP_OPTS=-Xmx256m setpriv --reuid=${o.user} --regid=${o.user} --init-groups -- ${`${o.kafkaHome}/bin/kafka-run-class.sh`} ${o.storageClass} format --cluster-id=${o.clusterId} --config ${o.config} ${[...quorum, ...release]}`;
  return o.scramArgs ? sh`${raw(command)} ${`@${o.scramArgs}`} >/dev/null` : command;
}

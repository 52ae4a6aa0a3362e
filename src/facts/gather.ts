// All facts a provision needs from one host, in ONE remote command: each fact's command runs in
// its own section, framed by marker lines, and each section goes to that fact's parser.
import type { Session } from '../remote/session.js';
import { distCommand, diskCommand, etcHostsCommand, javaCommand, parseDisk, parseDists, parseEtcHosts, parseJava, parsePorts, parseUser, portsCommand, userCommand, type DiskFact, type DistFact, type JavaFact, type Listener } from './host.js';
import { parsePaths, pathsCommand, type PathFact } from './paths.js';
import { parseProcesses, processesCommand, type ProcessFact } from './processes.js';
import { parseStorage, storageCommand, type MetaProperties } from './storage.js';
import type { Service } from '../render/layout.js';

export interface GatherSpec {
  /** managed files and folders */
  paths: string[];
  /** folders whose filesystems need free space */
  diskPaths: string[];
  user: string;
  /** the distributions the host needs (their facts come back in this order) */
  dists: Array<{ tarball: string; dir: string; link: string }>;
  etcHosts: string;
  /** KRaft data folders whose meta.properties tells whether (and for whom) they are formatted */
  storageDirs: string[];
}

export interface HostFacts {
  paths: Map<string, PathFact>;
  processes: Record<Service, ProcessFact>;
  java: JavaFact;
  disk: DiskFact;
  listeners: Listener[];
  /** uid of the service user, null when missing */
  userUid: number | null;
  /** one per GatherSpec.dists, in its order */
  dists: DistFact[];
  etcHosts: string;
  /** data folder -> its meta.properties (UNFORMATTED when it has none) */
  storage: Map<string, MetaProperties>;
}

const MARK = '@@kcp-fact';
const SECTIONS = ['paths', 'processes', 'java', 'disk', 'ports', 'user', 'dist', 'etchosts', 'storage'] as const;
type Section = (typeof SECTIONS)[number];

export function gatherCommand(spec: GatherSpec): string {
  const commands: Record<Section, string> = {
    paths: pathsCommand(spec.paths),
    processes: processesCommand(),
    java: javaCommand(),
    disk: diskCommand(spec.diskPaths),
    ports: portsCommand(),
    user: userCommand(spec.user),
    dist: spec.dists.map((d) => distCommand(d.tarball, d.dir, d.link)).join('\n'),
    etchosts: etcHostsCommand(spec.etcHosts),
    storage: storageCommand(spec.storageDirs),
  };
  return SECTIONS.map((s) => `echo '${MARK} ${s}'\n${commands[s]}`).join('\n');
}

export function splitSections(stdout: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | null = null;
  let lines: string[] = [];
  const flush = (): void => {
    if (current !== null) sections.set(current, lines.join('\n'));
  };
  for (const line of stdout.split('\n')) {
    if (line.startsWith(`${MARK} `)) {
      flush();
      current = line.slice(MARK.length + 1);
      lines = [];
    } else if (current !== null) {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

export function parseGather(stdout: string, spec: GatherSpec): HostFacts {
  const s = splitSections(stdout);
  const get = (name: Section): string => {
    const text = s.get(name);
    if (text === undefined) throw new Error(`facts: section ${name} missing from the host's answer`);
    return text;
  };
  return {
    paths: parsePaths(get('paths'), spec.paths),
    processes: parseProcesses(get('processes')),
    java: parseJava(get('java')),
    disk: parseDisk(get('disk'), spec.diskPaths),
    listeners: parsePorts(get('ports')),
    userUid: parseUser(get('user')),
    dists: parseDists(get('dist'), spec.dists.length),
    etcHosts: parseEtcHosts(get('etchosts')),
    storage: parseStorage(get('storage'), spec.storageDirs),
  };
}

export async function gatherFacts(session: Pick<Session, 'exec'>, spec: GatherSpec): Promise<HostFacts> {
  const { stdout } = await session.exec(gatherCommand(spec), { describe: 'gather facts' });
  return parseGather(stdout, spec);
}

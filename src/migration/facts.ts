// Facts a migration reads from each host: the server.properties every Kafka process has there,
// whether that process runs, and whether it runs with that file (a process started before the
// file was last written runs an older one: a run killed between an upload and its restart leaves
// that). The level of each process is read from its file alone, so where the cluster stands is
// decided from the hosts, not from anything this machine remembers.
import { quote } from '../core/shell.js';
import { parseProperties } from '../render/properties.js';
import { pidFile, servicePaths } from '../render/layout.js';
import { hasRole, type Process } from '../inventory/model.js';

/** A broker's level: ZooKeeper mode, ZooKeeper mode in migration (dual-write), KRaft. */
export type BrokerLevel = 'zookeeper' | 'dual-write' | 'kraft';
/** A controller's level: no config yet, migrating (writes to ZooKeeper too), KRaft only. */
export type ControllerLevel = 'none' | 'migrating' | 'kraft';
export type Level = BrokerLevel | ControllerLevel;

export const BROKER_LEVELS: readonly BrokerLevel[] = ['zookeeper', 'dual-write', 'kraft'];
export const CONTROLLER_LEVELS: readonly ControllerLevel[] = ['none', 'migrating', 'kraft'];

export interface KafkaProcessFact {
  process: Process;
  level: Level;
  /** the pid when it runs */
  pid: number | null;
  /** runs, but started before its config was last written: it runs an older config */
  stale: boolean;
}

const SERVICES = ['kafka', 'controller'] as const;

/** One line per Kafka service: `<service> <base64 of its server.properties | -> <pid | -> <stale 0|1>`. */
export function kafkaConfigsCommand(): string {
  return SERVICES.map((service) => {
    const { config } = servicePaths(service);
    return [
      `f=${quote(config)}; cfg=-; pid=-; stale=0`,
      'if [ -f "$f" ]; then cfg=$(base64 -w0 < "$f"); fi',
      `p=$(tr -dc 0-9 < ${quote(pidFile(service))} 2>/dev/null || true)`,
      // the process of the pidfile, if it still is the service (its command line ends in the config)
      'if [ -n "$p" ] && tr "\\0" " " < "/proc/$p/cmdline" 2>/dev/null | grep -qF -- " $f "; then pid=$p',
      '  e=$(ps -o etimes= -p "$p" | tr -dc 0-9); if [ -f "$f" ] && [ -n "$e" ] && [ "$(stat -c %Y "$f")" -gt $(( $(date +%s) - e )) ]; then stale=1; fi',
      'fi',
      `echo ${service} "$cfg" "$pid" "$stale"`,
    ].join('\n');
  }).join('\n');
}

/** The level a process's server.properties puts it at. */
export function levelOf(p: Pick<Process, 'roles'>, config: string | null): Level {
  const props = config === null ? null : parseProperties(config);
  const migrating = props?.get('zookeeper.metadata.migration.enable') === 'true';
  if (hasRole(p, 'controller')) return props === null || !props.has('process.roles') ? 'none' : migrating ? 'migrating' : 'kraft';
  if (props?.has('process.roles')) return 'kraft';
  return migrating ? 'dual-write' : 'zookeeper';
}

/** The facts of the host's Kafka processes among `processes`. */
export function parseKafkaConfigs(stdout: string, processes: readonly Process[]): KafkaProcessFact[] {
  const lines = new Map(stdout.split('\n').filter(Boolean).map((line) => {
    const m = /^(kafka|controller) (\S+) (-|\d+) ([01])$/.exec(line);
    if (!m) throw new Error(`migration facts: unreadable line: ${line.slice(0, 120)}`);
    return [m[1]!, { config: m[2] === '-' ? null : Buffer.from(m[2]!, 'base64').toString('utf8'), pid: m[3] === '-' ? null : Number(m[3]), stale: m[4] === '1' }];
  }));
  return processes.filter((p) => p.service === 'kafka' || p.service === 'controller').map((p) => {
    const fact = lines.get(p.service);
    if (!fact) throw new Error(`migration facts: no line for ${p.service}`);
    return { process: p, level: levelOf(p, fact.config), pid: fact.pid, stale: fact.stale };
  });
}

// Fact: is each service running? The pidfile names a pid; it counts only if /proc/PID/cmdline
// still names the service's main class and ends in its config (a stale pidfile whose pid was
// reused is "stopped"). For a live process, the distribution it runs from is read from its open
// jar files, so a process still on an old version is told apart from one on the current link target.
import { MAIN_CLASS, pidFile, servicePaths, SERVICES, type Service } from '../render/layout.js';
import { quote } from '../core/shell.js';

/**
 * A POSIX shell condition: the command line in $c (arguments joined by spaces, one after the
 * last, as /proc/PID/cmdline read with tr shows it) is what the service's launch script runs:
 * its main class as one argument, and its config as the last one (Spark's options lie between).
 */
export const isServiceCommand = (service: Service): string =>
  `case " $c" in *${quote(` ${MAIN_CLASS[service]} `)}*) case " $c" in *${quote(` ${servicePaths(service).config} `)}) true;; *) false;; esac;; *) false;; esac`;

const ALL_PID_FILES = Object.fromEntries(SERVICES.map((s) => [s, pidFile(s)])) as Record<Service, string>;

export interface ProcessFact {
  service: Service;
  running: boolean;
  /** pid from the pidfile when the process matches, else null */
  pid: number | null;
  /** distribution folder the process loads its jars from, e.g. "kafka_2.13-3.9.1"; null if unknown */
  dist: string | null;
  /** a pidfile is left but its process is gone: it died without a clean stop (killed, crashed) */
  crashed: boolean;
}

/** One line per service: `<service> <pid|-> <dist|-> <crashed 0|1>`. */
export function processesCommand(pidFiles: Record<Service, string> = ALL_PID_FILES): string {
  return SERVICES.map((service) =>
    [
      `pid=-; dist=-; crashed=0; f=${quote(pidFiles[service])}`,
      `if [ -r "$f" ]; then p=$(tr -dc 0-9 < "$f"); if [ -n "$p" ] && [ -r "/proc/$p/cmdline" ]; then`,
      `  c=$(tr '\\0' ' ' < "/proc/$p/cmdline" 2>/dev/null || true)`,
      `  if ${isServiceCommand(service)}; then pid=$p`,
      `    j=$(find "/proc/$p/fd" \\( -lname '/opt/*/libs/*.jar' -o -lname '/opt/*/jars/*.jar' \\) -printf '%l\\n' -quit 2>/dev/null || true)`,
      `    if [ -n "$j" ]; then j=\${j#/opt/}; dist=\${j%%/*}; fi; fi`,
      'fi; if [ "$pid" = - ]; then crashed=1; fi; fi',
      `echo ${service} "$pid" "$dist" "$crashed"`,
    ].join('\n'),
  ).join('\n');
}

export function parseProcesses(stdout: string): Record<Service, ProcessFact> {
  const out = {} as Record<Service, ProcessFact>;
  for (const line of stdout.split('\n').filter(Boolean)) {
    const m = /^(zookeeper|controller|kafka|spark-master|spark-worker) (-|\d+) (\S+) ([01])$/.exec(line);
    if (!m) throw new Error(`process facts: unreadable line: ${line}`);
    const service = m[1] as Service;
    const pid = m[2] === '-' ? null : Number(m[2]);
    out[service] = { service, running: pid !== null, pid, dist: m[3] === '-' ? null : m[3]!, crashed: m[4] === '1' };
  }
  for (const service of SERVICES) if (!out[service]) throw new Error(`process facts: no line for ${service}`);
  return out;
}

// The Spark job's driver as a process on a Spark host (client mode, like spark-submit from that
// host): started detached as the service user with a pidfile, its output in a log file; trusted
// by its pid only while /proc/PID/cmdline still names SparkSubmit and this job's --topic; stopped
// by SIGTERM (Spark's shutdown hook stops the query), SIGKILL after a timeout. Pure builders of
// the shell text, run over SSH; tested as strings and against a stand-in process.
import { posix } from 'node:path';
import { argv, quote, sh } from '../core/shell.js';
import { layout, SERVICE_USER } from '../render/layout.js';

export const SUBMIT_CLASS = 'org.apache.spark.deploy.SparkSubmit';
export const DRIVER_LOG_DIR = '/var/log/spark-driver';

export interface DriverPaths {
  pidFile: string;
  log: string;
  /** what identifies this driver in its command line besides SparkSubmit: `--topic <topic>` */
  marker: string;
  /** a secured cluster: the job's Kafka client settings (src/spark/kafka-config.ts) */
  kafkaConfig: string;
}

/** One driver per input topic. */
export function driverPaths(topic: string): DriverPaths {
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic)) throw new Error(`not a Kafka topic name: ${topic}`);
  return {
    pidFile: `${layout.runDir}/spark-driver-${topic}.pid`,
    log: `${DRIVER_LOG_DIR}/${topic}.log`,
    marker: ` --topic ${topic} `,
    kafkaConfig: `${layout.runDir}/spark-driver-${topic}.properties`,
  };
}

/** Sets $pid to the driver's pid when its pidfile names a live driver of this job, else fails. */
const runningPid = (p: DriverPaths): string =>
  [
    `driver_pid() { pid=; [ -r ${quote(p.pidFile)} ] || return 1; pid=$(tr -dc 0-9 < ${quote(p.pidFile)}); [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1;`,
    `  c=" $(tr '\\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"; case "$c" in *${quote(` ${SUBMIT_CLASS} `)}*) ;; *) return 1;; esac;`,
    `  case "$c" in *${quote(p.marker)}*) return 0;; *) return 1;; esac; }`,
  ].join('\n');

/**
 * Starts the driver unless this job's driver runs; prints `started <pid>` or `running <pid>`.
 * `env`: NAME=value pairs for the driver (SPARK_HOME, SPARK_SCALA_VERSION).
 */
export function startDriverScript(p: DriverPaths, command: readonly string[], env: readonly string[], user = SERVICE_USER): string {
  return [
    'set -eu',
    runningPid(p),
    'if driver_pid; then echo "running $pid"; exit 0; fi',
    sh`install -d -o ${user} -g ${user} -m 0750 -- ${posix.dirname(p.log)}`,
    sh`touch -- ${p.log} && chown ${user}:${user} -- ${p.log}`,
    sh`echo "== submitted $(date -u +%FT%TZ) ==" >> ${p.log}`,
    // setsid: its own session, so the SSH command returns; setpriv execs in place: $! is the JVM
    `${env.map((e) => `export ${quote(e)}`).join('; ')}${env.length ? '; ' : ''}setsid setpriv --reuid=${quote(user)} --regid=${quote(user)} --init-groups -- ${argv(command)} </dev/null >>${quote(p.log)} 2>&1 &`,
    'pid=$!',
    sh`echo "$pid" > ${p.pidFile}`,
    // return once setpriv has exec'd java: until then the pid shows another command line
    'for _ in $(seq 1 100); do driver_pid && break; [ -d "/proc/$!" ] || break; sleep 0.1; done',
    `if ! driver_pid; then echo "the driver exited at once; the end of ${p.log}:" >&2; tail -n 30 ${quote(p.log)} >&2 || true; exit 1; fi`,
    'echo "started $pid"',
  ].join('\n');
}

/**
 * SIGTERM (or SIGKILL with `kill`), then waits until it is gone; prints `stopped <pid>` or `not
 * running`. A stop (not a kill, which a resubmission follows) removes the job's client settings.
 */
export function stopDriverScript(p: DriverPaths, o: { timeoutS?: number; kill?: boolean } = {}): string {
  const timeout = o.timeoutS ?? 60;
  return [
    'set -eu',
    runningPid(p),
    `if ! driver_pid; then ${o.kill ? '' : sh`rm -f -- ${p.kafkaConfig}; `}echo "not running"; exit 0; fi`,
    `kill -${o.kill ? 'KILL' : 'TERM'} "$pid"`,
    `for _ in $(seq 1 ${timeout * 10}); do [ -d "/proc/$pid" ] && [ "$(sed -n 's/^State:[[:space:]]*\\(.\\).*/\\1/p' "/proc/$pid/status" 2>/dev/null)" != Z ] || break; sleep 0.1; done`,
    `if [ -d "/proc/$pid" ] && [ "$(sed -n 's/^State:[[:space:]]*\\(.\\).*/\\1/p' "/proc/$pid/status" 2>/dev/null)" != Z ]; then echo "warning: driver $pid still running ${timeout} s after SIG${o.kill ? 'KILL' : 'TERM'}; sending SIGKILL" >&2; kill -KILL "$pid" 2>/dev/null || true; sleep 1; fi`,
    ...(o.kill ? [] : [sh`rm -f -- ${p.pidFile} ${p.kafkaConfig}`]),
    'echo "stopped $pid"',
  ].join('\n');
}

/** Prints `running <pid>` or `stopped`. */
export const driverStatusScript = (p: DriverPaths): string => [runningPid(p), 'if driver_pid; then echo "running $pid"; else echo stopped; fi'].join('\n');

/** The pid in a `started|running|stopped <pid>` line, else null. */
export function parseDriverPid(stdout: string): number | null {
  const m = /^(?:started|running|stopped) (\d+)$/m.exec(stdout);
  return m ? Number(m[1]) : null;
}

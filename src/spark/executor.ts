// SIGKILL of one executor of a Spark worker (chaos): an executor is a child process of the
// worker, found through the worker's pidfile (checked against its command line) and its own
// command line, never by name alone. Prints `killed <pid>`; exits 3 when the worker runs none.
import { isServiceCommand } from '../facts/processes.js';
import { quote } from '../core/shell.js';
import { pidFile } from '../render/layout.js';

export const EXECUTOR_CLASS = 'org.apache.spark.executor.CoarseGrainedExecutorBackend';

export function killExecutorCommand(workerPidFile = pidFile('spark-worker')): string {
  return [
    `w=$(tr -dc 0-9 < ${quote(workerPidFile)} 2>/dev/null || true)`,
    'if [ -z "$w" ] || [ ! -r "/proc/$w/cmdline" ]; then echo "no Spark worker runs here" >&2; exit 3; fi',
    'c=$(tr \'\\0\' \' \' < "/proc/$w/cmdline")',
    `if ! ${isServiceCommand('spark-worker')}; then echo "pid $w is not the Spark worker" >&2; exit 3; fi`,
    'for d in /proc/[0-9]*; do',
    '  p=${d#/proc/}',
    // the parent pid is the 4th field of /proc/PID/stat, after the name in parentheses
    '  s=$(cat "$d/stat" 2>/dev/null) || continue; s=${s##*) }; set -- $s; [ "$2" = "$w" ] || continue',
    '  e=$(tr \'\\0\' \' \' < "$d/cmdline" 2>/dev/null || true)',
    `  case " $e" in *${quote(` ${EXECUTOR_CLASS} `)}*) kill -KILL "$p"; echo "killed $p"; exit 0;; esac`,
    'done',
    'echo "the Spark worker (pid $w) runs no executor" >&2; exit 3',
  ].join('\n');
}

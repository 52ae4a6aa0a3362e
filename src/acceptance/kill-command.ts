// SIGKILL of a service's JVM, found through its pidfile and checked against /proc/PID/cmdline
// in the same shell (never by name): a stale pidfile whose pid now belongs to another process
// is refused. Waits until the process is gone, so "killed" means dead.
import { isServiceCommand } from '../facts/processes.js';
import { pidFile, type Service } from '../render/layout.js';
import { quote } from '../core/shell.js';

/** Prints `killed <pid>`; exits 3 when the service does not run (no pidfile or a stale one). */
export function killServiceCommand(service: Service, o: { waitSeconds?: number; pidFile?: string } = {}): string {
  // A SIGKILLed JVM is gone only once every thread has left the kernel: one blocked in disk I/O
  // on a busy machine can hold it past 10 s (seen in the lab under a full test run).
  const waitSeconds = o.waitSeconds ?? 60;
  return [
    `f=${quote(o.pidFile ?? pidFile(service))}`,
    'p=; if [ -r "$f" ]; then p=$(tr -dc 0-9 < "$f"); fi',
    `if [ -z "$p" ] || [ ! -r "/proc/$p/cmdline" ]; then echo "${service} is not running (pidfile $f)" >&2; exit 3; fi`,
    `c=$(tr '\\0' ' ' < "/proc/$p/cmdline" 2>/dev/null || true)`,
    `if ! ${isServiceCommand(service)}; then echo "pid $p from $f is not ${service}: $c" >&2; exit 3; fi`,
    'kill -KILL "$p"',
    // Runs while /proc/PID/status names a live state. Gone, a zombie waiting for its parent, or a
    // task being released (its status no longer readable: seen in the lab, in CI, for a full
    // minute after the SIGKILL while the broker's connections were already closed): the JVM no
    // longer runs.
    'alive() { s=$(sed -n "s/^State:[[:space:]]*//p" "/proc/$p/status" 2>/dev/null) || return 1; case "$s" in ""|Z*|X*) return 1;; esac; }',
    `for _ in $(seq 1 ${waitSeconds * 10}); do alive || break; sleep 0.1; done`,
    `if alive; then echo "pid $p still runs ${waitSeconds} s after SIGKILL (state $s, waiting in $(cat "/proc/$p/wchan" 2>/dev/null))" >&2; exit 1; fi`,
    'echo "killed $p"',
  ].join('\n');
}

export function parseKilledPid(stdout: string): number | null {
  const m = /^killed (\d+)$/m.exec(stdout);
  return m ? Number(m[1]) : null;
}

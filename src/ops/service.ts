// The launch scripts' subcommands, as command lines. The scripts (rendered by src/render) own
// pidfiles, setsid/setpriv and the SIGTERM -> SIGKILL escalation.
import { serviceScript, STOP_TIMEOUT_S, type Service } from '../render/layout.js';
import { argv } from '../core/shell.js';

export const startCommand = (service: Service): string => argv([serviceScript(service), 'start']);
export const stopCommand = (service: Service, timeoutS = STOP_TIMEOUT_S[service]): string =>
  argv([serviceScript(service), 'stop', timeoutS]);
export const statusCommand = (service: Service): string => argv([serviceScript(service), 'status']);

/** "kafka started, pid 4242" / "kafka already running, pid 4242" -> 4242 */
export function parseStartedPid(stdout: string): number | null {
  const m = /pid (\d+)\s*$/m.exec(stdout.trim());
  return m ? Number(m[1]) : null;
}

/** Lines the script wrote to stderr as warnings (e.g. the SIGKILL escalation). */
export function warningsOf(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^warning:/i.test(l.trim()));
}

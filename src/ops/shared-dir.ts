// Is a folder one storage for several hosts (NFS, the lab's shared mount), or only a local folder
// of the same name on each? One host writes a random token into it, every other host reads it
// back. Spark's checkpoints need the first: the driver and every executor read and write them.
import { sh } from '../core/shell.js';

const MARKER = '.kcp-shared-check';

export const sharedMarkerPath = (dir: string): string => `${dir}/${MARKER}`;

/** Writes `token` as the service user would (the folder is theirs), atomically. */
export function writeMarkerCommand(dir: string, token: string, user: string): string {
  if (!/^[0-9a-f]{16,64}$/.test(token)) throw new Error(`not a token: ${token}`);
  const path = sharedMarkerPath(dir);
  return sh`printf '%s\\n' ${token} > ${`${path}.tmp`} && chown ${user} -- ${`${path}.tmp`} && mv -f -- ${`${path}.tmp`} ${path}`;
}

export const readMarkerCommand = (dir: string): string => sh`cat -- ${sharedMarkerPath(dir)} 2>/dev/null || echo -`;

/** Why the folder is not shared with the writer, as seen by a host that read `stdout`; null when it is. */
export function sharedProblem(dir: string, stdout: string, token: string, writer: string): string | null {
  const seen = stdout.trim();
  if (seen === token) return null;
  return seen === '-'
    ? `${dir} is not shared storage: the file ${writer} wrote there is missing here (on a real cluster: mount the same NFS export on every Spark host, or use an hdfs:// URL)`
    : `${dir} is not shared storage: it holds another check file than the one ${writer} wrote (${seen.slice(0, 40)})`;
}

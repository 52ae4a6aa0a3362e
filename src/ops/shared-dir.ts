// Is a folder one storage for several hosts (NFS, the lab's shared mount), or only a local folder
// of the same name on each? Checked before anything changes, so the folder may not exist yet:
// one host writes a check file into the deepest folder of the path that it has, every other host
// must read the same file at the same path, and the writer removes it. Spark's checkpoints need
// this: the driver and every executor read and write them. Also: can a host open a TCP
// connection to HDFS's namenode (the check when the checkpoints live in HDFS).
import { sh } from '../core/shell.js';

const PREFIX = '.kcp-shared-check-';

const assertToken = (token: string): void => {
  if (!/^[0-9a-f]{16,64}$/.test(token)) throw new Error(`not a token: ${token}`);
};

/** Writes `token` into a new file in the deepest existing folder of `dir`; prints the file's path. */
export function writeProbeCommand(dir: string, token: string): string {
  assertToken(token);
  return [
    sh`d=${dir}`,
    'while [ ! -d "$d" ]; do d=$(dirname -- "$d"); done',
    sh`f="\${d%/}/${PREFIX}${token}"`,
    sh`printf '%s\\n' ${token} > "$f"`,
    `printf '%s\\n' "$f"`,
  ].join('\n');
}

/** The check file's path from the writer's output; throws on anything else. */
export function parseProbePath(stdout: string, token: string): string {
  const path = stdout.trim().split('\n').pop() ?? '';
  if (!path.startsWith('/') || !path.endsWith(`/${PREFIX}${token}`)) throw new Error(`unexpected answer from the check-file writer: ${JSON.stringify(stdout.slice(0, 200))}`);
  return path;
}

/** The folder the check file went into. */
export const probeFolder = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

export const readProbeCommand = (path: string): string => sh`cat -- ${path} 2>/dev/null || echo -`;

export const removeProbeCommand = (path: string): string => sh`rm -f -- ${path}`;

/** Why `dir` is not shared with the writer, as seen by a host that read `stdout`; null when it is. */
export function sharedProblem(dir: string, path: string, stdout: string, token: string, writer: string): string | null {
  const seen = stdout.trim();
  if (seen === token) return null;
  const where = probeFolder(path) === dir ? dir : `${probeFolder(path)} (the deepest folder of ${dir} that ${writer} has)`;
  return seen === '-'
    ? `${dir} is not shared storage: the file ${writer} wrote into ${where} is missing here (mount the same NFS export at this path on every Spark host, or use an hdfs:// URL)`
    : `${dir} is not shared storage: it holds another check file than the one ${writer} wrote (${seen.slice(0, 40)})`;
}

/** Prints "open" when a TCP connection to host:port opens within `seconds`, else "closed". */
export function tcpProbeCommand(host: string, port: number, seconds = 5): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a port: ${port}`);
  // host and port reach bash as arguments, never as script text
  return sh`timeout ${String(seconds)} bash -c 'exec 3<>"/dev/tcp/$0/$1"' ${host} ${String(port)} 2>/dev/null && echo open || echo closed`;
}

export const isOpen = (stdout: string): boolean => stdout.trim() === 'open';

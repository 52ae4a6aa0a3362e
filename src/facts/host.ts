// Small facts about the host itself: Java, free disk, listening ports, the service user, the
// installed distribution and /etc/hosts. Each is a command plus a parser.
import { sh } from '../core/shell.js';

export interface JavaFact {
  /** feature version (8, 11, 17, 21); null when no java was found or its output is unknown */
  major: number | null;
  /** the first line of `java -version` (or the release file's version and the java it belongs to), for messages */
  banner: string;
}

/**
 * The JDK's `release` file when it has one (JAVA_VERSION, read without starting a JVM: three
 * hosts starting one each cost a no-op provision about 0.1 s), else `java -version`.
 */
export const javaCommand = (): string =>
  [
    'if command -v java >/dev/null 2>&1; then',
    '  j=$(readlink -f "$(command -v java)")',
    '  v=$(sed -n \'s/^JAVA_VERSION="\\([^"]*\\)".*/\\1/p\' "${j%/bin/java}/release" 2>/dev/null | head -n 1 || true)',
    '  if [ -n "$v" ]; then echo "java version \\"$v\\" ($j, from its release file)"; else java -version 2>&1 | head -n 3 || true; fi',
    'else echo "java: command not found"; fi',
  ].join('\n');

export function parseJava(stdout: string): JavaFact {
  const banner = stdout.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(stdout);
  if (!m) return { major: null, banner: banner || 'no output from java -version' };
  const first = Number(m[1]);
  // "1.8.0_392" is Java 8; "17.0.15" is Java 17
  return { major: first === 1 && m[2] ? Number(m[2]) : first, banner };
}

/** Free space in bytes for each path's filesystem. */
export type DiskFact = Map<string, number>;

export const diskCommand = (paths: readonly string[]): string => sh`df -Pk -- ${paths}`;

export function parseDisk(stdout: string, paths: readonly string[]): DiskFact {
  const rows = stdout.split('\n').filter(Boolean).slice(1);
  if (rows.length !== paths.length) throw new Error(`df: expected ${paths.length} rows, got ${rows.length}: ${stdout}`);
  const out: DiskFact = new Map();
  rows.forEach((row, i) => {
    const available = Number(row.trim().split(/\s+/)[3]);
    if (!Number.isFinite(available)) throw new Error(`df: unreadable row: ${row}`);
    out.set(paths[i]!, available * 1024);
  });
  return out;
}

export interface Listener {
  port: number;
  /** pids owning the socket (empty when ss could not tell) */
  pids: number[];
  process: string | null;
}

export const portsCommand = (): string => 'ss -ltnpH';

export function parsePorts(stdout: string): Listener[] {
  const out: Listener[] = [];
  for (const line of stdout.split('\n').filter((l) => l.trim() !== '')) {
    const fields = line.trim().split(/\s+/);
    const local = fields[3];
    const port = Number(local?.slice(local.lastIndexOf(':') + 1));
    if (!Number.isInteger(port)) throw new Error(`ss: unreadable line: ${line}`);
    const users = fields.slice(5).join(' ');
    const pids = [...users.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
    const process = /\(\("([^"]+)"/.exec(users)?.[1] ?? null;
    out.push({ port, pids: [...new Set(pids)], process });
  }
  return out;
}

export const userCommand = (user: string): string => sh`id -u -- ${user} 2>/dev/null || echo -`;

/** uid, or null when the user does not exist */
export function parseUser(stdout: string): number | null {
  const text = stdout.trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}

export interface DistFact {
  /** sha512 of the kept tarball, null when absent */
  tarballSha512: string | null;
  /**
   * true when that sha512 is the stamp written beside the tarball at upload (distStampPath) and
   * the tarball's size, mtime and inode are still the stamped ones, so it was not read again
   */
  stamped: boolean;
  /** true when the versioned folder exists (it appears by rename, so it is complete) */
  unpacked: boolean;
  /** where the KAFKA_HOME symlink points, null when it is missing */
  linkTarget: string | null;
}

/** "<sha512> <size> <mtime> <inode>" of the tarball, written by the provisioner after an upload. */
export const distStampPath = (tarball: string): string => `${tarball}.sha512`;
/** stat(1) format of what the stamp records besides the sha512 */
export const DIST_STAMP_STAT = '%s %Y %i';

/**
 * The tarball's sha512 from its stamp while size, mtime and inode are unchanged (a replaced or
 * rewritten file has another inode or mtime: rsync's quick check), else read from the file
 * (0.1 s of CPU per host for 45 MB); then whether the folder is unpacked, and the link.
 */
export const distCommand = (tarball: string, dir: string, link: string): string =>
  [
    sh`if [ -f ${tarball} ]; then s=$(stat -c ${DIST_STAMP_STAT} -- ${tarball}); st=$(cat -- ${distStampPath(tarball)} 2>/dev/null || true);`
      + ` if [ -n "$st" ] && [ "\${st#* }" = "$s" ]; then echo "\${st%% *} stamped"; else h=$(sha512sum < ${tarball}); echo "\${h%% *} read"; fi; else echo -; fi`,
    sh`if [ -d ${dir} ]; then echo yes; else echo no; fi`,
    sh`readlink -- ${link} || echo -`,
  ].join('\n');

/** Records the sha512 of an uploaded tarball (known: the upload was verified) beside it. */
export const distStampScript = (tarball: string, sha512: string): string => {
  if (!/^[0-9a-f]{128}$/.test(sha512)) throw new Error(`not a sha512: ${sha512}`);
  const stamp = distStampPath(tarball);
  return sh`s=$(stat -c ${DIST_STAMP_STAT} -- ${tarball}) && printf '%s %s\\n' ${sha512} "$s" > ${`${stamp}.tmp`} && mv -f -- ${`${stamp}.tmp`} ${stamp}`;
};

/** The facts of `count` distributions, three lines each (distCommand's), in order. */
export function parseDists(stdout: string, count: number): DistFact[] {
  const lines = stdout.split('\n');
  return Array.from({ length: count }, (_, i) => parseDist(lines.slice(3 * i, 3 * i + 3).join('\n')));
}

export function parseDist(stdout: string): DistFact {
  const [first, unpacked, link] = stdout.split('\n');
  const m = /^(?:-|([0-9a-f]{128}) (stamped|read))$/.exec(first ?? '');
  if (!m || !unpacked || !/^(yes|no)$/.test(unpacked) || link === undefined) {
    throw new Error(`dist facts: unreadable output: ${stdout.slice(0, 300)}`);
  }
  return { tarballSha512: m[1] ?? null, stamped: m[2] === 'stamped', unpacked: unpacked === 'yes', linkTarget: link === '-' ? null : link };
}

/** /etc/hosts travels base64-encoded so no byte of it can break the section framing. */
export const etcHostsCommand = (path: string): string => sh`if [ -f ${path} ]; then base64 -w0 -- ${path}; fi; echo`;

export const parseEtcHosts = (stdout: string): string => Buffer.from(stdout.trim(), 'base64').toString('utf8');

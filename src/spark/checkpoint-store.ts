// Where Spark keeps a streaming job's checkpoints, read from cluster.spark.checkpoint_dir: a
// folder that every Spark host mounts at the same path (NFS; the lab's shared mount), or HDFS.
// The distribution this tool builds carries Hadoop's client (HDFS and the local file system)
// and nothing for object stores, so other schemes are refused rather than failing in the driver.

export type CheckpointStore =
  /** `path`: absolute, normalised; the same folder on every Spark host */
  | { kind: 'folder'; path: string }
  /** the namenode's RPC address and the path inside HDFS */
  | { kind: 'hdfs'; host: string; port: number; path: string };

/** HDFS's default namenode RPC port (fs.defaultFS without a port). */
export const HDFS_DEFAULT_PORT = 8020;

const HINT = 'use an absolute path that every Spark host mounts (NFS) or an hdfs://NAMENODE[:PORT]/PATH URL';

/** The store, or why `text` names none this tool can check and Spark can use. */
export function parseCheckpointStore(given: string): CheckpointStore | { problem: string } {
  if (given.startsWith('/')) return folder(given);
  const text = withoutCredentials(given); // messages quote the URL: never a password in it
  if (text !== given) return { problem: `"${text}" carries credentials: a checkpoint URL must not (HDFS authenticates through Kerberos, not the URL)` };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return { problem: `"${text}" is neither an absolute path nor a URL: ${HINT}` };
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return { problem: `"${text}" is not a valid URL: ${HINT}` };
  }
  if (scheme === 'file') {
    if (url.host !== '') return { problem: `"${text}" names a host (${url.host}): a file: URL is a local folder, write file:///PATH` };
    return folder(decodeURIComponent(url.pathname));
  }
  if (scheme === 'hdfs') {
    if (url.hostname === '') return { problem: `"${text}" names no namenode: write hdfs://NAMENODE[:PORT]/PATH` };
    if (url.pathname === '' || url.pathname === '/') return { problem: `"${text}" names no folder inside HDFS: write hdfs://${url.host}/PATH` };
    if (url.search || url.hash) return { problem: `"${text}" has a query or fragment: an HDFS path has neither` };
    return { kind: 'hdfs', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port === '' ? HDFS_DEFAULT_PORT : Number(url.port), path: url.pathname };
  }
  return { problem: `the scheme ${scheme}: is not supported: the Spark distribution this tool builds carries Hadoop's HDFS client and no connector for ${scheme}; ${HINT}` };
}

/** `text` with any user:password@ of a URL replaced by ***@. */
const withoutCredentials = (text: string): string => text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');

function folder(path: string): CheckpointStore | { problem: string } {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..')) return { problem: `"${path}" has a "." or ".." part: write the folder's own absolute path` };
  if (parts.length === 0) return { problem: 'the root folder "/" cannot be the checkpoint folder: name a folder of its own' };
  return { kind: 'folder', path: `/${parts.join('/')}` };
}

/** The store as the operator reads it in a message. */
export const describeStore = (s: CheckpointStore): string =>
  s.kind === 'folder' ? s.path : `hdfs://${s.host.includes(':') ? `[${s.host}]` : s.host}:${s.port}${s.path}`;

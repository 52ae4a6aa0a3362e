// One SSH connection to one host, as the provisioner sees it: run scripts as root (strict bash,
// sudo for a non-root login), put files atomically, read file hashes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { NodeSSH } from 'node-ssh';
import { remoteCommand } from './command.js';
import { ConnectError, RemoteCommandError, type ExecResult } from './errors.js';
import { hashScript, parseHashes, putScript, type FileAttrs, type HashAlgo } from './put.js';

export interface ExecOptions {
  /** bytes for the remote stdin */
  stdin?: string | Buffer | Readable;
  /** throw RemoteCommandError on a non-zero exit (default true) */
  check?: boolean;
  /** shown instead of the script in error messages (e.g. "put /etc/kafka/server.properties") */
  describe?: string;
  /** abandon the command after this long: the remote process gets SIGKILL, the call throws */
  timeoutMs?: number;
}

export interface SessionInfo {
  name: string;
  address: string;
  port: number;
  user: string;
}

export class Session {
  /** why the connection ended (keepalive timeout, reset...), once it has */
  private lost: Error | null = null;
  private closed = false;

  constructor(
    readonly info: SessionInfo,
    private readonly ssh: NodeSSH,
    /** how long connecting took (TCP + handshake + auth), for the report and benchmarks */
    readonly connectMs: number,
  ) {
    // Without a listener, an error after the handshake (a keepalive timeout when the host
    // dies) would be an unhandled 'error' event and end the whole process.
    const connection = ssh.connection;
    connection?.on('error', (err: Error) => {
      this.lost ??= err;
    });
    connection?.on('close', () => {
      this.closed = true;
      this.lost ??= new Error('connection closed');
    });
  }

  /** false once the connection is gone (closed here, host died, network cut) */
  get isOpen(): boolean {
    return !this.closed && this.lost === null;
  }

  private lostError(what: string): ConnectError {
    const { name, address, port } = this.info;
    return new ConnectError(name, address, port, `${name} (${address}:${port}): connection lost${what}: ${this.lost?.message ?? 'closed'}`, {
      cause: this.lost,
    });
  }

  get name(): string {
    return this.info.name;
  }

  /** Runs `script` as root under `bash -c 'set -euo pipefail; …'` (via `sudo -n` if needed). */
  async exec(script: string, opts: ExecOptions = {}): Promise<ExecResult> {
    if (!this.isOpen) throw this.lostError('');
    const command = remoteCommand(script, this.info.user);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let channel: { signal(name: string): void; close(): void } | undefined;
    const run = this.ssh.execCommand(command, {
      stdin: toStream(opts.stdin),
      onChannel: (c) => (channel = c),
      onStdout: (b) => out.push(b),
      onStderr: (b) => err.push(b),
    });
    const response = await withTimeout(run, opts.timeoutMs, () => {
      channel?.signal('KILL');
      channel?.close();
      return new RemoteCommandError(this.name, script, {
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: `${Buffer.concat(err).toString('utf8')}\n(abandoned after ${opts.timeoutMs} ms)`,
        code: null,
        signal: 'timeout',
      }, opts.describe);
    });
    if (response.code === null && this.lost) throw this.lostError(` while running \`${opts.describe ?? script.split('\n', 1)[0]}\``);
    const result: ExecResult = {
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
      code: response.code,
      signal: response.signal,
    };
    if ((opts.check ?? true) && result.code !== 0) {
      throw new RemoteCommandError(this.name, script, result, opts.describe);
    }
    return result;
  }

  /** Installs `content` at `path` atomically (or in place on a mount point), with owner/mode. */
  async put(path: string, content: string | Buffer, attrs: FileAttrs = {}): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.exec(putScript(path, sha256, attrs), { stdin: bytes, describe: `put ${path}` });
  }

  /** Streams a local file (e.g. the ~100 MB Kafka tarball) to `path`, same guarantees as put(). */
  async putFile(localPath: string, path: string, attrs: FileAttrs = {}): Promise<void> {
    const sha256 = await sha256OfFile(localPath);
    await this.exec(putScript(path, sha256, attrs), {
      stdin: createReadStream(localPath, { highWaterMark: 256 * 1024 }),
      describe: `put ${localPath} -> ${path}`,
    });
  }

  /** path -> hex digest, null where there is no regular file. One round trip for all paths. */
  async hashes(paths: readonly string[], algo: HashAlgo = 'sha256'): Promise<Map<string, string | null>> {
    if (paths.length === 0) return new Map();
    const { stdout } = await this.exec(hashScript(paths, algo), { describe: `${algo} of ${paths.length} files` });
    return parseHashes(stdout, paths, algo);
  }

  async hash(path: string, algo: HashAlgo = 'sha256'): Promise<string | null> {
    return (await this.hashes([path], algo)).get(path) ?? null;
  }

  close(): void {
    this.closed = true;
    this.ssh.dispose();
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function toStream(stdin: ExecOptions['stdin']): Readable | undefined {
  if (stdin === undefined) return undefined;
  if (stdin instanceof Readable) return stdin;
  // node-ssh writes strings with channel.write(string); a stream keeps binary bytes intact
  return Readable.from([typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : stdin]);
}

async function withTimeout<T>(p: Promise<T>, ms: number | undefined, onTimeout: () => Error): Promise<T> {
  if (ms === undefined) return p;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([p, expired]);
  } finally {
    clearTimeout(timer);
  }
}

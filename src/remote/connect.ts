// Opening SSH connections to inventory hosts: the caller's guard first (the lab checks the
// route), then ssh2 with the host key pinned from known_hosts, a bounded handshake and
// keepalives. Every failure names the host, its address and port.
import { readFile } from 'node:fs/promises';
import { NodeSSH, type Config } from 'node-ssh';
import { InputError } from '../core/errors.js';
import type { Cluster, Host, SshSettings } from '../inventory/model.js';
import { ConnectError } from './errors.js';
import { hostKeyAlgorithmsFor } from './host-key.js';
import { hostVerifier } from './host-verifier.js';
import { readKnownHosts } from './known-hosts-file.js';
import { lookupName, pinnedKeyTypes } from './known-hosts.js';
import { retry } from '../core/retry.js';
import { Session } from './session.js';

export interface ConnectOptions {
  /** OpenSSH accept-new: record an unknown host's key; a changed key is refused regardless */
  acceptNewHostKeys?: boolean;
  /** called before every connection; throws to forbid it (the lab: route must use the bridge) */
  guard?: (host: Host) => Promise<void>;
  /** TCP connect + SSH handshake + auth must finish within this (default 10 000 ms) */
  readyTimeoutMs?: number;
  /** keepalive probe interval (default 5 000 ms); 3 unanswered probes drop the connection */
  keepaliveIntervalMs?: number;
  /** tries when sshd refuses/resets the connection (a host still starting); default 3 */
  attempts?: number;
  /** progress messages (to stderr in the CLI) */
  log?: (message: string) => void;
}

const SUPPORTED_HOST_KEY_ALGOS = new Set([
  'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
  'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa',
]);

const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET']);

export async function connectHost(ssh: SshSettings, host: Host, opts: ConnectOptions = {}): Promise<Session> {
  await opts.guard?.(host);
  const privateKey = await readIdentity(ssh.identityFile);
  return retry(() => connectOnce(ssh, host, privateKey, opts), {
    attempts: opts.attempts ?? 3,
    retryIf: (err) => err instanceof ConnectError && TRANSIENT.has(String((err.cause as { code?: string })?.code)),
    onRetry: (err, attempt, delay) => opts.log?.(`${(err as Error).message}; retry ${attempt} in ${delay} ms`),
  });
}

async function readIdentity(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`ssh identity file ${file} (cluster.ssh.identity_file): ${(err as Error).message}`);
  }
}

async function connectOnce(ssh: SshSettings, host: Host, privateKey: string, opts: ConnectOptions): Promise<Session> {
  const where = `${host.name} (${host.address}:${ssh.port})`;
  const names = [lookupName(host.name, ssh.port), lookupName(host.address, ssh.port)];
  const known = await readKnownHosts(ssh.knownHosts);
  const pinnedAlgos = pinnedKeyTypes(known.entries, names)
    .flatMap(hostKeyAlgorithmsFor)
    .filter((a) => SUPPORTED_HOST_KEY_ALGOS.has(a));
  const verifier = hostVerifier({
    host: host.name,
    where,
    names,
    entries: known.entries,
    knownHostsFile: ssh.knownHosts,
    acceptNew: opts.acceptNewHostKeys ?? false,
    ...(opts.log ? { log: opts.log } : {}),
  });

  const readyTimeout = opts.readyTimeoutMs ?? 10_000;
  const config: Config = {
    host: host.address,
    port: ssh.port,
    username: ssh.user,
    privateKey,
    readyTimeout,
    keepaliveInterval: opts.keepaliveIntervalMs ?? 5_000,
    keepaliveCountMax: 3,
    hostVerifier: verifier.verify,
    ...(pinnedAlgos.length > 0 ? { algorithms: { serverHostKey: pinnedAlgos as never } } : {}),
  };

  const client = new NodeSSH();
  const started = performance.now();
  try {
    await client.connect(config);
  } catch (err) {
    client.dispose();
    const refusal = verifier.refusal();
    if (refusal) throw refusal;
    throw new ConnectError(host.name, host.address, ssh.port, `${where}: ${explain(err, readyTimeout, ssh, pinnedAlgos)}`, { cause: err });
  }
  const info = { name: host.name, address: host.address, port: ssh.port, user: ssh.user };
  return new Session(info, client, performance.now() - started);
}

function explain(err: unknown, readyTimeout: number, ssh: SshSettings, pinnedAlgos: string[]): string {
  const e = err as { code?: string; level?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (no sshd listening on that port?)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${e.code}: no route, or no machine answers at that address)`;
    case 'ETIMEDOUT':
      return `connection timed out (${e.code})`;
    case 'ECONNRESET':
      return 'connection reset by peer';
  }
  if (e.level === 'client-timeout') return `no SSH handshake within ${readyTimeout} ms (host down or filtered?)`;
  if (e.level === 'client-authentication') {
    return `authentication failed for user ${ssh.user} with key ${ssh.identityFile}`;
  }
  if (e.level === 'handshake' && /host key|no matching/i.test(e.message ?? '') && pinnedAlgos.length > 0) {
    return `the host offers no host key of the pinned type(s) ${pinnedAlgos.join(', ')} (${e.message}) — its host key changed type?`;
  }
  return e.message ?? String(err);
}

/** The SSH connections of one command run: opened on first use, closed together. */
export class Sessions {
  private readonly open = new Map<string, Promise<Session>>();

  constructor(
    readonly cluster: Cluster,
    private readonly opts: ConnectOptions = {},
  ) {}

  /**
   * The session to `hostName`, connecting on first use. A failed connect is tried again on the
   * next call, and so is a connection that was lost (the host restarted, the network healed).
   */
  async session(hostName: string): Promise<Session> {
    let pending = this.open.get(hostName);
    if (pending) {
      const existing = await pending.catch(() => null);
      if (existing && !existing.isOpen) {
        existing.close();
        if (this.open.get(hostName) === pending) this.open.delete(hostName);
      }
      pending = this.open.get(hostName);
    }
    if (!pending) {
      const host = this.cluster.hosts.find((h) => h.name === hostName);
      if (!host) throw new InputError(`no host named ${hostName} in ${this.cluster.inventoryFile}`);
      pending = connectHost(this.cluster.ssh, host, this.opts);
      const mine = pending;
      mine.catch(() => {
        if (this.open.get(hostName) === mine) this.open.delete(hostName);
      });
      this.open.set(hostName, pending);
    }
    return pending;
  }

  /**
   * Starts connecting to these hosts now, without waiting: a command that will need every host
   * overlaps the SSH handshakes with its local work. A failure here is not reported: the next
   * session() call connects again and reports it.
   */
  warm(hostNames: readonly string[]): void {
    for (const name of hostNames) this.session(name).catch(() => undefined);
  }

  /** Closes every connection opened so far. */
  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    const settled = await Promise.allSettled(all);
    for (const s of settled) if (s.status === 'fulfilled') s.value.close();
  }
}

export function connect(cluster: Cluster, opts: ConnectOptions = {}): Sessions {
  return new Sessions(cluster, opts);
}

// Connection set-up without any SSH server: the guard runs first, bad input fails before any
// packet, failures name host/address/port. Only loopback is ever dialled here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import type { Cluster, Host, SshSettings } from '../../src/inventory/model.js';
import { connect, connectHost } from '../../src/remote/connect.js';
import { ConnectError } from '../../src/remote/errors.js';

let dir: string;
let ssh: SshSettings;
let closedPort: number;
let silent: Server;
let silentPort: number;
const silentSockets = new Set<Socket>();

const host = (name: string, address = '127.0.0.1'): Host => ({ name, address, zookeeperId: null, brokerId: null, controllerId: null, brokerConfig: {}, sparkMaster: false, sparkWorker: false });

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kcp-connect-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
  closedPort = await freePort();
  // accepts TCP but never speaks SSH: the handshake must time out
  silent = createServer((sock) => {
    silentSockets.add(sock);
    sock.on('close', () => silentSockets.delete(sock));
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentPort = (silent.address() as { port: number }).port;
  ssh = { user: 'root', port: closedPort, identityFile: join(dir, 'id'), knownHosts: join(dir, 'known_hosts') };
});

afterAll(async () => {
  for (const sock of silentSockets) sock.destroy();
  await new Promise((r) => silent.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('connectHost', () => {
  it('calls the guard first and connects to nothing when it refuses', async () => {
    const seen: string[] = [];
    const guard = async (h: Host): Promise<void> => {
      seen.push(h.name);
      throw new Error(`refusing ${h.address}: not via the lab bridge`);
    };
    // were the guard skipped, this would fail differently (connection refused)
    await expect(connectHost(ssh, host('node01'), { guard })).rejects.toThrow('refusing 127.0.0.1: not via the lab bridge');
    expect(seen).toEqual(['node01']);
  });

  it('reports a missing identity file as bad input', async () => {
    const err = await connectHost({ ...ssh, identityFile: join(dir, 'nope') }, host('node01')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(join(dir, 'nope'));
  });

  it('names host, address and port when the connection is refused (after bounded retries)', async () => {
    const retries: string[] = [];
    const err = await connectHost(ssh, host('node01'), { attempts: 3, log: (m) => retries.push(m) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    const refused = `node01 (127.0.0.1:${closedPort}): connection refused (no sshd listening on that port?)`;
    expect((err as Error).message).toBe(refused);
    // bounded: two retries after growing, short waits
    expect(retries).toEqual([`${refused}; retry 1 in 200 ms`, `${refused}; retry 2 in 400 ms`]);
  });

  it('gives up on a server that never answers the handshake within readyTimeout', async () => {
    const started = performance.now();
    const err = await connectHost({ ...ssh, port: silentPort }, host('node02'), { readyTimeoutMs: 400 }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as Error).message).toBe(`node02 (127.0.0.1:${silentPort}): no SSH handshake within 400 ms (host down or filtered?)`);
    // the 400 ms were given to the handshake, not only to the message: well under the 10 s default
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(8_000);
  });
});

describe('Sessions', () => {
  const cluster = (): Cluster =>
    ({ name: 't', inventoryFile: '/x/inventory.yaml', ssh, hosts: [host('node01')] }) as unknown as Cluster;

  it('refuses a host name that is not in the inventory', async () => {
    await expect(connect(cluster()).session('node09')).rejects.toThrow(/no host named node09 in \/x\/inventory.yaml/);
  });

  it('forgets a failed connection so that the next call tries again, and closeAll settles', async () => {
    let calls = 0;
    const sessions = connect(cluster(), {
      attempts: 1,
      guard: async () => {
        calls++;
        throw new Error('guard says no');
      },
    });
    await expect(sessions.session('node01')).rejects.toThrow('guard says no');
    await expect(sessions.session('node01')).rejects.toThrow('guard says no');
    expect(calls).toBe(2);
    await sessions.closeAll();
  });
});

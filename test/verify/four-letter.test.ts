import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureCa, issuedMaterial, processMaterial } from '../../src/security/ca.js';
import { adminIdentity } from '../../src/security/openssl.js';
import { askFourLetterWord, FourLetterWordError, parseMntr, parseSrvrFields } from '../../src/verify/four-letter.js';
import { freePort } from '../support/local-kafka.js';

// ZooKeeper 3.8.4's answer, as the local ZooKeeper of test/support/local-kafka.ts gives it
const SRVR = 'Zookeeper version: 3.8.4-9316c2a7a97e1666d8f4593f34dd6fc36ecc436c, built on 2024-02-12 22:16 UTC\nLatency min/avg/max: 0/0.5/3\nReceived: 31\nSent: 30\nConnections: 2\nOutstanding: 0\nZxid: 0x10000002a\nMode: follower\nNode count: 35\n';

let server: Server;
let port = 0;
const sockets: Socket[] = [];
/** Called with each word the server reads. */
let heard: (word: string) => void = () => {};
beforeAll(async () => {
  // answers like ZooKeeper (then closes); "hang" never answers
  server = createServer((socket) => {
    sockets.push(socket);
    socket.once('data', (d) => {
      const word = d.toString();
      heard(word);
      if (word === 'ruok') socket.end('imok');
      else if (word === 'srvr') socket.end(SRVR);
      else if (word !== 'hang') socket.end(`${word} is not executed because it is not in the whitelist.\n`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  return new Promise<void>((r) => server.close(() => r()));
});

describe('askFourLetterWord', () => {
  it('returns the whole answer, read until ZooKeeper closes', async () => {
    expect(await askFourLetterWord('127.0.0.1', port, 'ruok')).toBe('imok');
    expect(await askFourLetterWord('127.0.0.1', port, 'srvr')).toBe(SRVR);
    expect(await askFourLetterWord('127.0.0.1', port, 'stat')).toMatch(/not in the whitelist/);
  });

  it('fails with address, port and word on a closed port', async () => {
    const closed = await freePort();
    const err = await askFourLetterWord('127.0.0.1', closed, 'ruok').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FourLetterWordError);
    expect((err as Error).message).toBe(`ruok to 127.0.0.1:${closed}: connection refused (ZooKeeper not running?)`);
  });

  it('gives up after the deadline when nothing answers', async () => {
    // Only the deadline's timer is fake: the connection is real, the clock moves when the test says.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const asked = new Promise<void>((resolve) => (heard = (word) => word === 'hang' && resolve()));
      let outcome: unknown = 'still waiting';
      const asking = askFourLetterWord('127.0.0.1', port, 'hang', 300).then((v) => (outcome = v), (e: unknown) => (outcome = e));
      await Promise.race([asked, asking]); // connected and asked (the server stays silent), or failed already
      const settle = () => new Promise((r) => setImmediate(r));
      vi.advanceTimersByTime(299);
      await settle();
      expect(outcome).toBe('still waiting');
      vi.advanceTimersByTime(1);
      await settle();
      expect(outcome).toBeInstanceOf(FourLetterWordError);
      expect((outcome as Error).message).toBe(`hang to 127.0.0.1:${port}: no answer within 300 ms`);
    } finally {
      heard = () => {};
      vi.useRealTimers();
    }
  });

  it('refuses anything but a four-letter word', () => {
    expect(() => askFourLetterWord('127.0.0.1', port, 'srvr\n')).toThrow(/not a four-letter word/);
  });
});

describe('askFourLetterWord on a secured ensemble', () => {
  let base: string;
  const servers: ReturnType<typeof createTlsServer>[] = [];
  beforeAll(async () => void (base = await mkdtemp(join(tmpdir(), 'four-letter-tls-'))));
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    await rm(base, { recursive: true, force: true });
  });

  /** A ZooKeeper-like TLS server requiring a client certificate, its certificate naming `address`; the tool's client security. */
  async function secured(address: string) {
    const cluster = { baseDir: base, name: 'demo' };
    const ca = await ensureCa(cluster);
    const own = await processMaterial(cluster, ca, { host: { name: `zk-${address}`, address }, service: 'zookeeper' } as never);
    const admin = await issuedMaterial(ca, 'admin', adminIdentity(cluster));
    const server = createTlsServer({ key: own.key.reveal(), cert: own.certPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true }, (socket) =>
      socket.once('data', (d) => socket.end(d.toString() === 'ruok' ? 'imok' : '?')),
    );
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const tls = { ca: ca.certPem, cert: { certPem: admin.certPem, key: admin.key } };
    return { port: (server.address() as { port: number }).port, tls };
  }

  it('asks over TLS with the tool\'s certificate', async () => {
    const { port: tlsPort, tls } = await secured('127.0.0.1');
    expect(await askFourLetterWord('127.0.0.1', tlsPort, 'ruok', 3000, tls)).toBe('imok');
  });

  it('refuses a server whose certificate names another address', async () => {
    const { port: tlsPort, tls } = await secured('192.0.2.7');
    const err = await askFourLetterWord('127.0.0.1', tlsPort, 'ruok', 3000, tls).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/ruok to 127\.0\.0\.1:\d+: .*(IP|altnames)/);
  });

  it('needs a certificate, not a password', () => {
    expect(() => askFourLetterWord('127.0.0.1', 1, 'ruok', 3000, { ca: 'x' })).toThrow(/client certificate/);
  });
});

describe('parsers', () => {
  it('srvr fields', () => {
    expect(parseSrvrFields(SRVR)).toMatchObject({
      'Zookeeper version': '3.8.4-9316c2a7a97e1666d8f4593f34dd6fc36ecc436c, built on 2024-02-12 22:16 UTC',
      'Latency min/avg/max': '0/0.5/3',
      Zxid: '0x10000002a',
      Mode: 'follower',
      'Node count': '35',
    });
  });
  it('mntr lines', () => {
    expect(parseMntr('zk_version\t3.8.4-9316c2a7, built on 2024-02-12\nzk_server_state\tleader\nzk_synced_followers\t2\n')).toEqual({
      zk_version: '3.8.4-9316c2a7, built on 2024-02-12',
      zk_server_state: 'leader',
      zk_synced_followers: '2',
    });
  });
});

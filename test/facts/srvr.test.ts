import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSrvr, srvrCommand } from '../../src/facts/srvr.js';
import { ensureCa, processMaterial } from '../../src/security/ca.js';
import { runLocal, runLocalAsync } from './local-bash.js';

const LEADER = 'Zookeeper version: 3.8.4-9316c2a7a97e1666d8f4593f34dd6fc36ecc436c, built on 2024-02-12 22:16 UTC\nLatency min/avg/max: 0/0.0/0\nReceived: 3\nSent: 2\nConnections: 1\nOutstanding: 0\nZxid: 0x100000000\nMode: leader\nNode count: 5\nProposal sizes last/min/max: -1/-1/-1\n';

// a fake ZooKeeper that answers srvr like the real one (then closes)
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((socket) => socket.once('data', (d) => socket.end(d.toString() === 'srvr' ? LEADER : 'unknown')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('srvr fact', () => {
  it('asks over bash /dev/tcp and reads the mode', async () => {
    const fact = parseSrvr((await runLocalAsync(srvrCommand(port))).stdout);
    expect(fact).toMatchObject({ mode: 'leader', version: '3.8.4', zxid: '0x100000000' });
  });
  it('reports no answer on a closed port without failing the command', () => {
    const r = runLocal(srvrCommand(1));
    expect(r.code).toBe(0);
    expect(parseSrvr(r.stdout)).toEqual({ mode: null, version: null, zxid: null, raw: 'no answer on 127.0.0.1:1' });
  });
  it('a server without quorum has no mode', () => {
    expect(parseSrvr('This ZooKeeper instance is not currently serving requests\n').mode).toBeNull();
  });
});

describe('srvr fact on a secured ensemble (TLS, client certificate required)', () => {
  const member = { host: { name: 'localhost', address: '127.0.0.1' }, service: 'zookeeper' } as never;
  let base: string;
  let tlsPort = 0;
  let tlsServer: ReturnType<typeof createTlsServer>;
  const seenCerts: string[] = [];
  const files = (dir: string) => ({ keystore: join(dir, 'keystore.pem'), truststore: join(dir, 'ca.pem') });

  /** A CA of `name` and the member's key + certificate from it, written as the rendered stores are. */
  async function stores(name: string) {
    const cluster = { baseDir: join(base, name), name };
    const ca = await ensureCa(cluster);
    const m = await processMaterial(cluster, ca, member);
    const dir = join(base, name);
    await writeFile(files(dir).keystore, `${m.key.reveal()}${m.certPem}`, { mode: 0o600 });
    await writeFile(files(dir).truststore, ca.certPem);
    return { ...files(dir), key: m.key.reveal(), cert: m.certPem, ca: ca.certPem };
  }

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'srvr-tls-'));
    const own = await stores('demo');
    tlsServer = createTlsServer({ key: own.key, cert: own.cert, ca: own.ca, requestCert: true, rejectUnauthorized: true }, (socket) => {
      seenCerts.push(String(socket.getPeerCertificate().subject?.CN ?? ''));
      socket.once('data', (d) => socket.end(d.toString() === 'srvr' ? LEADER : 'unknown'));
    });
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
    tlsPort = (tlsServer.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => tlsServer.close(() => r()));
    await rm(base, { recursive: true, force: true });
  });

  it('asks over TLS with the member\'s own certificate and reads the mode', async () => {
    const fact = parseSrvr((await runLocalAsync(srvrCommand(tlsPort, files(join(base, 'demo'))))).stdout);
    expect(fact).toMatchObject({ mode: 'leader', version: '3.8.4' });
    expect(seenCerts).toContain('kcp-node');
  });
  it('gets no answer with a certificate of another CA, and says so', async () => {
    const other = await stores('other');
    const r = await runLocalAsync(srvrCommand(tlsPort, other));
    expect(parseSrvr(r.stdout)).toMatchObject({ mode: null, raw: `no answer on 127.0.0.1:${tlsPort} (TLS)` });
    expect(await readFile(other.keystore, 'utf8')).toMatch(/PRIVATE KEY/); // the store was there: the refusal is the CA's
  });
  it('plain srvr on the TLS port gets no answer', async () => {
    expect(parseSrvr((await runLocalAsync(srvrCommand(tlsPort))).stdout).mode).toBeNull();
  });
});

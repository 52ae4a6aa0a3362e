import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSrvr, srvrCommand } from '../../src/facts/srvr.js';
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

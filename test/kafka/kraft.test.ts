import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { askFirst, kafkaUuid, kraftNode } from '../../src/kafka/kraft.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A "node" that accepts the connection and resets it when the first request arrives (a SIGKILLed controller). */
async function resettingNode(): Promise<string> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.once('data', () => socket.resetAndDestroy());
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('kraftNode', () => {
  it('a connection reset mid-request fails that request, and nothing escapes as an uncaught error', async () => {
    const endpoint = await resettingNode();
    const node = kraftNode(endpoint, { requestTimeoutMs: 2000 });
    try {
      await expect(node.describeQuorum()).rejects.toThrow(`DescribeQuorum at ${endpoint}`);
    } finally {
      await node.close();
    }
    await new Promise((r) => setTimeout(r, 100)); // an 'error' event without a listener would surface here
  });

  it('askFirst tries each endpoint in turn and keeps every failure for the message', async () => {
    const reset = await resettingNode();
    const closed = await resettingNode();
    await new Promise((r) => servers.pop()!.close(r)); // nothing listens there any more
    const error = await askFirst([closed, reset], (n) => n.describeQuorum()).catch((e: Error) => e);
    expect(String(error)).toMatch(new RegExp(`Connection to ${closed} failed.*; DescribeQuorum at ${reset}: Connection closed`));
  });

  it('prints a Uuid as Kafka does (unpadded base64url)', () => {
    expect(kafkaUuid('00000000-0000-0000-0000-000000000001')).toBe('AAAAAAAAAAAAAAAAAAAAAQ');
  });
});

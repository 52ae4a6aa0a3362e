import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { metricsUrl, scrapeProcess } from '../../src/metrics/scrape.js';

let server: Server;
let status = 200;
let port: number;
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end('kafka_server_replicamanager_underreplicatedpartitions 2.0\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const clusterWith = (metricsPort: string) =>
  parseInventory('i.yaml', `cluster: { name: scrape-test, broker: { metrics_port: ${metricsPort} } }\nhosts:\n  - { name: local, address: 127.0.0.1, zookeeper_id: 1, broker_id: 0 }\n`).cluster;

describe('scrapeProcess', () => {
  it('reads the exporter of a process (loopback here: no lab is up for this cluster)', async () => {
    const cluster = clusterWith(String(port));
    const broker = cluster.processes.find((p) => p.service === 'kafka')!;
    expect(metricsUrl(cluster, broker)).toBe(`http://127.0.0.1:${port}/metrics`);
    expect(await scrapeProcess(cluster, broker)).toEqual([{ name: 'kafka_server_replicamanager_underreplicatedpartitions', labels: {}, value: 2 }]);
  });

  it('names the process and the URL when the exporter fails or is not there', async () => {
    const cluster = clusterWith(String(port));
    const broker = cluster.processes.find((p) => p.service === 'kafka')!;
    status = 500;
    await expect(scrapeProcess(cluster, broker)).rejects.toThrow(`local/kafka: http://127.0.0.1:${port}/metrics answered HTTP 500`);
    status = 200;
    const zookeeper = cluster.processes.find((p) => p.service === 'zookeeper')!;
    await expect(scrapeProcess(cluster, zookeeper)).rejects.toThrow('local/zookeeper: exports no metrics');
    const closed = clusterWith('1');
    await expect(scrapeProcess(closed, closed.processes.find((p) => p.service === 'kafka')!)).rejects.toThrow(/local\/kafka: cannot read http:\/\/127\.0\.0\.1:1\/metrics/);
  });
});

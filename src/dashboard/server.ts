// The dashboard's HTTP side, on node:http alone: the page and its few files (uPlot served from
// node_modules: no build step, no CDN), a Server-Sent Events stream that pushes each snapshot to
// every open page, and the same snapshot as JSON at /api/snapshot for scripts.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Snapshot } from './model.js';

const PAGE_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url));
const require = createRequire(import.meta.url);

/** URL path -> file and content type. Nothing else is served. */
export const FILES: Record<string, { file: () => string; type: string }> = {
  '/': { file: () => `${PAGE_DIR}index.html`, type: 'text/html; charset=utf-8' },
  '/app.js': { file: () => `${PAGE_DIR}app.js`, type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: () => `${PAGE_DIR}style.css`, type: 'text/css; charset=utf-8' },
  '/vendor/uPlot.iife.min.js': { file: () => require.resolve('uplot/dist/uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' },
  '/vendor/uPlot.min.css': { file: () => require.resolve('uplot/dist/uPlot.min.css'), type: 'text/css; charset=utf-8' },
};

export interface SnapshotSource {
  snapshot(): Snapshot | null;
  subscribe(listener: (s: Snapshot) => void): () => void;
}

/** One SSE message: the event's data on `data:` lines (JSON has no newlines of its own). */
export const sseMessage = (snapshot: Snapshot): string => `event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`;

export interface DashboardServer {
  url: string;
  /** pages connected to the event stream now */
  clients(): number;
  close(): Promise<void>;
}

export async function serveDashboard(source: SnapshotSource, o: { host?: string; port?: number } = {}): Promise<DashboardServer> {
  const streams = new Set<ServerResponse>();

  const events = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    const now = source.snapshot();
    if (now) res.write(sseMessage(now));
    const unsubscribe = source.subscribe((s) => res.write(sseMessage(s)));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    streams.add(res);
    req.on('close', () => {
      unsubscribe();
      clearInterval(keepAlive);
      streams.delete(res);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/events') return events(req, res);
    if (path === '/api/snapshot') {
      const s = source.snapshot();
      res.writeHead(s ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(s ?? { error: 'no snapshot yet' }));
      return;
    }
    const entry = FILES[path];
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`);
      return;
    }
    const body = await readFile(entry.file());
    res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`${err.message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 8080, o.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/`,
    clients: () => streams.size,
    close: async () => {
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

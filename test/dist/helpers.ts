// Test helpers for src/dist: a small fake distribution tarball and a loopback HTTP server.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KafkaSettings } from '../../src/inventory/model.js';
import { createTarball } from '../../src/dist/tarball.js';

export const FAKE = { version: '3.99.0', scala: '2.13', name: 'kafka_2.13-3.99.0' } as const;

export function settings(over: Partial<KafkaSettings>): KafkaSettings {
  return { version: FAKE.version, scala: FAKE.scala, source: 'maven', url: null, sha512: null, file: null, heap: '256m', jvmOptions: [], ...over };
}

export async function tempDir(prefix: string, cleanup: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanup.push(dir);
  return dir;
}

export async function removeAll(dirs: string[]): Promise<void> {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}

/** A tarball shaped like a distribution (top folder + libs/*.jar) with the given top folder. */
export async function fakeDistTarball(dir: string, top: string = FAKE.name, marker = 'v1'): Promise<Buffer> {
  const staging = join(dir, `staging-${top}-${marker}`);
  await mkdir(join(staging, top, 'libs'), { recursive: true });
  await writeFile(join(staging, top, 'libs', 'kafka-fake.jar'), `jar ${marker}`);
  await writeFile(join(staging, top, 'VERSION'), `kafka.version=${FAKE.version}\n`);
  const out = join(dir, `${top}-${marker}.tgz`);
  await createTarball(staging, top, out);
  return readFile(out);
}

export interface TestServer {
  url(path: string): string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves fixed bodies by path on 127.0.0.1 (random port); anything else is 404. */
export async function serve(routes: Record<string, Buffer>): Promise<TestServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = routes[req.url ?? ''];
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

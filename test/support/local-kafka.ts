// A real single-node ZooKeeper + Kafka on 127.0.0.1 for integration tests, run from the same
// distribution tarball `npm run dist` builds (cached in .cache/). Random free ports, small heaps,
// logs in files, readiness by polling (ZooKeeper `ruok` -> `imok`, broker: describeCluster),
// stop by pid. Usage:
//   const kafka = await startLocalKafka({ partitions: 4 });   // in beforeAll
//   ... kafka.bootstrap ...
//   await kafka.stop();                                       // in afterAll
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { ensureDistribution, type DistResult } from '../../src/dist/index.js';
import { poll } from '../../src/core/poll.js';
import { extractTarball } from '../../src/dist/tarball.js';
import { loadInventory } from '../../src/inventory/load.js';
import { distName, type KafkaSettings } from '../../src/inventory/model.js';
import { fileLog4j, javaArgs, serverProperties, zooCfg } from './local-kafka-config.js';

export { fileLog4j, javaArgs, serverProperties, zooCfg };

const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_CACHE = join(REPO, '.cache');

export interface LocalKafkaOptions {
  /** num.partitions for auto-created topics (default 1) */
  partitions?: number;
  /** extra / overriding server.properties keys */
  brokerConfig?: Record<string, string>;
  /** which distribution; default: cluster.kafka of the repository's inventory.yaml */
  kafka?: KafkaSettings;
  /** readiness deadline per service (default 90 s: two cores shared with other tests) */
  startTimeoutMs?: number;
}

export interface LocalKafka {
  /** "127.0.0.1:<port>" */
  bootstrap: string;
  /** "127.0.0.1:<port>" */
  zookeeper: string;
  /** the unpacked kafka_<scala>-<version>/ folder (libs/, bin/, VERSION) */
  distHome: string;
  dist: DistResult;
  /** temp folder holding the distribution, data and logs; removed by stop() */
  workDir: string;
  logs: { zookeeper: string; kafka: string };
  pids: { zookeeper: number; kafka: number };
  stop(): Promise<void>;
}

export async function localDistribution(kafka?: KafkaSettings): Promise<DistResult> {
  const settings = kafka ?? (await loadInventory(join(REPO, 'inventory.yaml'))).cluster.kafka;
  return ensureDistribution(settings, REPO_CACHE);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Sends a ZooKeeper four-letter word and returns the whole answer. */
export function fourLetterWord(host: string, port: number, word: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    let answer = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`${word} to ${host}:${port}: no answer in ${timeoutMs} ms`)));
    socket.once('connect', () => socket.write(word));
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.once('error', reject);
    socket.once('close', () => resolve(answer));
  });
}

// Safety net if the test process exits without stop(): never leave our own JVMs behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

async function startJava(args: string[], outFile: string): Promise<ChildProcess> {
  const out = await open(outFile, 'a');
  try {
    const child = spawn('java', args, { stdio: ['ignore', out.fd, out.fd] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    return child;
  } finally {
    await out.close();
  }
}

/** SIGTERM, wait for the exit, SIGKILL after the deadline. Only this child, by its pid. */
async function stopJava(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid!, 'SIGTERM');
  const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

async function tail(file: string, lines = 20): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function waitReady(what: string, child: ChildProcess, logs: string[], timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  try {
    await poll(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) return 'exited';
        return (await ready()) ? 'ready' : undefined;
      },
      { deadlineMs: timeoutMs, intervalMs: 200, backoff: 2, maxIntervalMs: 1_000, describe: what },
    ).then((state) => {
      if (state === 'exited') throw new Error(`${what}: the JVM exited with ${child.exitCode ?? child.signalCode}`);
    });
  } catch (err) {
    const tails = await Promise.all(logs.map(async (f) => `--- ${f}\n${await tail(f)}`));
    throw new Error(`${(err as Error).message}\n${tails.join('\n')}`);
  }
}

export async function brokerCount(bootstrap: string): Promise<number> {
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING, connectionTimeout: 1_000, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).brokers.length;
  } finally {
    await admin.disconnect();
  }
}

export async function startLocalKafka(opts: LocalKafkaOptions = {}): Promise<LocalKafka> {
  const dist = await localDistribution(opts.kafka);
  const workDir = await mkdtemp(join(tmpdir(), 'local-kafka-'));
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) await stopJava(child); // broker first, then ZooKeeper
    children.length = 0;
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    await extractTarball(dist.path, workDir);
    const distHome = join(workDir, distName({ scala: dist.scala, version: dist.version }));
    for (const dir of ['zookeeper-data', 'kafka-data', 'logs']) await mkdir(join(workDir, dir));
    const timeoutMs = opts.startTimeoutMs ?? 90_000;
    const [zkPort, brokerPort] = [await freePort(), await freePort()];
    const zookeeper = `127.0.0.1:${zkPort}`;
    const bootstrap = `127.0.0.1:${brokerPort}`;
    const logs = { zookeeper: join(workDir, 'logs', 'zookeeper.log'), kafka: join(workDir, 'logs', 'server.log') };

    const file = (name: string, text: string) => writeFile(join(workDir, name), text).then(() => join(workDir, name));
    const zkCfg = await file('zoo.cfg', zooCfg(join(workDir, 'zookeeper-data'), zkPort));
    const zkLog4j = await file('zookeeper-log4j.properties', fileLog4j(logs.zookeeper));
    const zkOut = join(workDir, 'logs', 'zookeeper.out');
    const zk = await startJava(javaArgs(distHome, zkLog4j, 'org.apache.zookeeper.server.quorum.QuorumPeerMain', [zkCfg]), zkOut);
    children.push(zk);
    await waitReady(`ZooKeeper ruok at ${zookeeper}`, zk, [zkOut, logs.zookeeper], timeoutMs, async () =>
      (await fourLetterWord('127.0.0.1', zkPort, 'ruok')) === 'imok');

    const props = serverProperties({ port: brokerPort, zookeeper, logDir: join(workDir, 'kafka-data'), partitions: opts.partitions ?? 1, extra: opts.brokerConfig ?? {} });
    const serverProps = await file('server.properties', props);
    const kafkaLog4j = await file('kafka-log4j.properties', fileLog4j(logs.kafka));
    const kafkaOut = join(workDir, 'logs', 'kafka.out');
    const broker = await startJava(javaArgs(distHome, kafkaLog4j, 'kafka.Kafka', [serverProps]), kafkaOut);
    children.push(broker);
    await waitReady(`Kafka broker at ${bootstrap}`, broker, [kafkaOut, logs.kafka], timeoutMs, async () => (await brokerCount(bootstrap)) === 1);

    return { bootstrap, zookeeper, distHome, dist, workDir, logs, pids: { zookeeper: zk.pid!, kafka: broker.pid! }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

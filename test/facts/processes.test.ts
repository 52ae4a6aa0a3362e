import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProcesses, processesCommand } from '../../src/facts/processes.js';
import { SERVICES, type Service } from '../../src/render/layout.js';
import { runLocal } from './local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-procs-'));
const pidFiles = Object.fromEntries(SERVICES.map((s) => [s, join(dir, `${s}.pid`)])) as Record<Service, string>;
// a process whose command line ends like the broker's: "... kafka.Kafka /etc/kafka/server.properties"
const fakeBroker = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'kafka.Kafka', '/etc/kafka/server.properties'], { stdio: 'ignore' });
afterAll(() => {
  fakeBroker.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('process facts', () => {
  it('reports stopped when there is no pidfile', () => {
    const { stdout } = runLocal(processesCommand(pidFiles));
    expect(stdout).toBe('zookeeper - - 0\ncontroller - - 0\nkafka - - 0\nspark-master - - 0\nspark-worker - - 0\n');
  });

  it('trusts a pidfile only when the command line matches the service', () => {
    writeFileSync(pidFiles.kafka, `${fakeBroker.pid}\n`);
    writeFileSync(pidFiles.zookeeper, `${fakeBroker.pid}\n`); // a pid that is not ZooKeeper
    writeFileSync(pidFiles.controller, `${fakeBroker.pid}\n`); // kafka.Kafka, but with the broker's config, not the controller's
    const facts = parseProcesses(runLocal(processesCommand(pidFiles)).stdout);
    expect(facts.kafka).toEqual({ service: 'kafka', running: true, pid: fakeBroker.pid, dist: null, crashed: false });
    expect(facts.zookeeper).toEqual({ service: 'zookeeper', running: false, pid: null, dist: null, crashed: true });
    expect(facts.controller).toEqual({ service: 'controller', running: false, pid: null, dist: null, crashed: true });
  });

  it('finds a Spark daemon by its main class and its config, which ends the options', () => {
    const worker = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'org.apache.spark.deploy.worker.Worker', 'spark://node01:7077', '--cores', '1', '--properties-file', '/etc/spark-worker/spark-defaults.conf'], { stdio: 'ignore' });
    try {
      writeFileSync(pidFiles['spark-worker'], `${worker.pid}\n`);
      writeFileSync(pidFiles['spark-master'], `${worker.pid}\n`); // the worker's pid is not the master
      const facts = parseProcesses(runLocal(processesCommand(pidFiles)).stdout);
      expect(facts['spark-worker']).toMatchObject({ running: true, pid: worker.pid });
      expect(facts['spark-master']).toMatchObject({ running: false, crashed: true });
    } finally {
      worker.kill('SIGKILL');
      rmSync(pidFiles['spark-worker']);
      rmSync(pidFiles['spark-master']);
    }
  });

  it('treats a pidfile naming a dead pid as stopped, and as a crash (no clean stop removed it)', () => {
    writeFileSync(pidFiles.kafka, '999999999\n');
    expect(parseProcesses(runLocal(processesCommand(pidFiles)).stdout).kafka).toMatchObject({ running: false, crashed: true });
  });

  it('parses the distribution a process runs from', () => {
    const facts = parseProcesses('zookeeper 41 kafka_2.13-3.9.1 0\ncontroller - - 0\nkafka - - 0\nspark-master - - 0\nspark-worker 7 spark_2.13-4.2.0 0\n');
    expect(facts['spark-worker']).toEqual({ service: 'spark-worker', running: true, pid: 7, dist: 'spark_2.13-4.2.0', crashed: false });
    expect(facts.zookeeper).toEqual({ service: 'zookeeper', running: true, pid: 41, dist: 'kafka_2.13-3.9.1', crashed: false });
    expect(() => parseProcesses('kafka - - 0\ncontroller - - 0\n')).toThrow(/no line for zookeeper/);
    expect(() => parseProcesses('kafka x - 0\nzookeeper - - 0\ncontroller - - 0')).toThrow(/unreadable/);
  });
});

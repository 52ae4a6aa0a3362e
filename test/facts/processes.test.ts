import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProcesses, processesCommand } from '../../src/facts/processes.js';
import { runLocal } from './local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-procs-'));
const pidFiles = { zookeeper: join(dir, 'zookeeper.pid'), controller: join(dir, 'controller.pid'), kafka: join(dir, 'kafka.pid') };
// a process whose command line ends like the broker's: "... kafka.Kafka /etc/kafka/server.properties"
const fakeBroker = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'kafka.Kafka', '/etc/kafka/server.properties'], { stdio: 'ignore' });
afterAll(() => {
  fakeBroker.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('process facts', () => {
  it('reports stopped when there is no pidfile', () => {
    const { stdout } = runLocal(processesCommand(pidFiles));
    expect(stdout).toBe('zookeeper - - 0\ncontroller - - 0\nkafka - - 0\n');
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

  it('treats a pidfile naming a dead pid as stopped, and as a crash (no clean stop removed it)', () => {
    writeFileSync(pidFiles.kafka, '999999999\n');
    expect(parseProcesses(runLocal(processesCommand(pidFiles)).stdout).kafka).toMatchObject({ running: false, crashed: true });
  });

  it('parses the distribution a process runs from', () => {
    const facts = parseProcesses('zookeeper 41 kafka_2.13-3.9.1 0\ncontroller - - 0\nkafka - - 0\n');
    expect(facts.zookeeper).toEqual({ service: 'zookeeper', running: true, pid: 41, dist: 'kafka_2.13-3.9.1', crashed: false });
    expect(() => parseProcesses('kafka - - 0\ncontroller - - 0\n')).toThrow(/no line for zookeeper/);
    expect(() => parseProcesses('kafka x - 0\nzookeeper - - 0\ncontroller - - 0')).toThrow(/unreadable/);
  });
});

// The driver's start/stop scripts run on this machine against a stand-in: a bash loop whose
// command line names SparkSubmit and the job's topic, as the real driver's does.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driverPaths, driverStatusScript, parseDriverPid, startDriverScript, stopDriverScript, type DriverPaths } from '../../src/spark/driver.js';
import { runLocal } from '../facts/local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-driver-'));
const fifo = join(dir, 'hold');
execFileSync('mkfifo', [fifo]);
const paths: DriverPaths = { ...driverPaths('clicks'), pidFile: join(dir, 'driver.pid'), log: join(dir, 'logs', 'clicks.log'), kafkaConfig: join(dir, 'clicks.properties') };
// blocks on a fifo nobody writes: no child process, so the pid is all of it
const command = ['bash', '-c', `exec 3<>'${fifo}'; echo batch 0; while :; do read -r -u 3; done`, 'org.apache.spark.deploy.SparkSubmit', '--class', 'X', 'job.jar', '--topic', 'clicks', '--checkpoint', '/c'];
const user = userInfo().username;
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
const started: number[] = [];
afterAll(() => {
  for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('the Spark driver scripts', () => {
  it('start, start again, status, stop, stop again', () => {
    const first = runLocal(startDriverScript(paths, command, ['SPARK_HOME=/opt/spark'], user));
    expect(first.code, first.stderr).toBe(0);
    const pid = parseDriverPid(first.stdout)!;
    started.push(pid);
    expect(first.stdout).toBe(`started ${pid}\n`);
    expect(readFileSync(paths.pidFile, 'utf8').trim()).toBe(String(pid));
    expect(runLocal(startDriverScript(paths, command, [], user)).stdout).toBe(`running ${pid}\n`);
    expect(runLocal(driverStatusScript(paths)).stdout).toBe(`running ${pid}\n`);
    expect(readFileSync(paths.log, 'utf8')).toMatch(/^== submitted .*==\nbatch 0\n/);
    writeFileSync(paths.kafkaConfig, 'sasl.jaas.config=...\n');
    expect(runLocal(stopDriverScript(paths, { timeoutS: 5 })).stdout).toBe(`stopped ${pid}\n`);
    expect(alive(pid)).toBe(false);
    expect(existsSync(paths.pidFile)).toBe(false);
    expect(existsSync(paths.kafkaConfig)).toBe(false); // the job's password goes with it
    writeFileSync(paths.kafkaConfig, 'sasl.jaas.config=...\n');
    expect(runLocal(stopDriverScript(paths)).stdout).toBe('not running\n');
    expect(existsSync(paths.kafkaConfig)).toBe(false); // also when the driver had died
    expect(runLocal(driverStatusScript(paths)).stdout).toBe('stopped\n');
  });

  it('a SIGKILL (chaos) leaves the pidfile, as a crash does; the next start starts anew', () => {
    const pid = parseDriverPid(runLocal(startDriverScript(paths, command, [], user)).stdout)!;
    started.push(pid);
    writeFileSync(paths.kafkaConfig, 'sasl.jaas.config=...\n');
    expect(runLocal(stopDriverScript(paths, { kill: true })).stdout).toBe(`stopped ${pid}\n`);
    expect(alive(pid)).toBe(false);
    expect(existsSync(paths.pidFile)).toBe(true);
    expect(existsSync(paths.kafkaConfig)).toBe(true); // the resubmission connects with it
    const next = parseDriverPid(runLocal(startDriverScript(paths, command, [], user)).stdout)!;
    started.push(next);
    expect(next).not.toBe(pid);
    runLocal(stopDriverScript(paths, { timeoutS: 5 }));
  });

  it("a pidfile naming another process, or another topic's driver, is never acted on", () => {
    writeFileSync(paths.pidFile, `${process.pid}\n`);
    expect(runLocal(stopDriverScript(paths)).stdout).toBe('not running\n');
    const other = { ...paths, marker: ' --topic other ' };
    const pid = parseDriverPid(runLocal(startDriverScript(paths, command, [], user)).stdout)!;
    started.push(pid);
    expect(runLocal(stopDriverScript(other)).stdout).toBe('not running\n');
    expect(alive(pid)).toBe(true);
    runLocal(stopDriverScript(paths, { timeoutS: 5 }));
    expect(alive(pid)).toBe(false);
  });

  it('refuses a topic that is not a Kafka topic name', () => {
    expect(() => driverPaths('a b')).toThrow(/not a Kafka topic name/);
  });
});

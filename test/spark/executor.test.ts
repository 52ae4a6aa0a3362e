// killExecutorCommand on this machine: a stand-in worker (its command line names the Worker class
// and ends in its config) with two children, one of them an executor by its command line.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXECUTOR_CLASS, killExecutorCommand } from '../../src/spark/executor.js';
import { runLocal } from '../facts/local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-executor-'));
const pidFile = join(dir, 'spark-worker.pid');
const childrenFile = join(dir, 'children');
const fifo = join(dir, 'hold');
execFileSync('mkfifo', [fifo]);
// the "worker" starts a bystander and an "executor" (blocked on a fifo: no child of its own) as its children and writes their pids
const worker = spawn('bash', ['-c', `sleep 60 & b=$!; bash -c 'exec 3<>${fifo}; read -r -u 3; :' ${EXECUTOR_CLASS} --app-id x & e=$!; echo "$b $e" > ${childrenFile}; wait`,
  'org.apache.spark.deploy.worker.Worker', 'spark://m:7077', '--properties-file', '/etc/spark-worker/spark-defaults.conf'], { stdio: 'ignore' });
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
afterAll(() => {
  worker.kill('SIGKILL');
  for (const pid of (readFileSync(childrenFile, 'utf8').trim().split(' ').map(Number))) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('killExecutorCommand', () => {
  it("kills the worker's executor child, and nothing else", async () => {
    writeFileSync(pidFile, `${worker.pid}\n`);
    while (!existsSync(childrenFile) || readFileSync(childrenFile, 'utf8').trim().split(' ').length < 2) await new Promise((r) => setTimeout(r, 20));
    const [bystander, executor] = readFileSync(childrenFile, 'utf8').trim().split(' ').map(Number) as [number, number];
    const r = runLocal(killExecutorCommand(pidFile));
    expect(r.stdout).toBe(`killed ${executor}\n`);
    await new Promise((res) => setTimeout(res, 100));
    expect(alive(executor)).toBe(false);
    expect(alive(bystander)).toBe(true);
    expect(alive(worker.pid!)).toBe(true);
    expect(runLocal(killExecutorCommand(pidFile))).toMatchObject({ code: 3, stderr: `the Spark worker (pid ${worker.pid}) runs no executor\n` });
  });

  it('refuses a pidfile that does not name the worker', () => {
    writeFileSync(pidFile, `${process.pid}\n`);
    expect(runLocal(killExecutorCommand(pidFile))).toMatchObject({ code: 3, stderr: `pid ${process.pid} is not the Spark worker\n` });
  });
});

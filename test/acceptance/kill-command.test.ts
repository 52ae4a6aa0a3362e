import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killServiceCommand, parseKilledPid } from '../../src/acceptance/kill-command.js';
import { runLocal } from '../facts/local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-kill-'));
const pidFile = join(dir, 'kafka.pid');
const spawned: ReturnType<typeof spawn>[] = [];
// processes whose command lines look like a broker's / like something else
const fake = (tail: string[]) => {
  const p = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', ...tail], { stdio: 'ignore' });
  spawned.push(p);
  return p;
};
afterAll(() => {
  for (const p of spawned) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('killServiceCommand', () => {
  it('kills the pid of the pidfile when its command line is the broker, and waits until it is gone', async () => {
    const broker = fake(['kafka.Kafka', '/etc/kafka/server.properties']);
    const gone = new Promise<string | null>((resolve) => broker.once('exit', (_c, s) => resolve(s)));
    writeFileSync(pidFile, `${broker.pid}\n`);
    const r = runLocal(killServiceCommand('kafka', { pidFile }));
    expect(r.code).toBe(0);
    expect(parseKilledPid(r.stdout)).toBe(broker.pid);
    expect(await gone).toBe('SIGKILL');
  });

  it('refuses a pid that is not the service (stale pidfile, pid reused)', () => {
    const other = fake(['something.Else']);
    writeFileSync(pidFile, `${other.pid}\n`);
    const r = runLocal(killServiceCommand('kafka', { pidFile }));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`pid ${other.pid} from ${pidFile} is not kafka`);
    expect(other.exitCode).toBeNull();
    expect(other.signalCode).toBeNull();
  });

  it('reports a service that is not running', () => {
    rmSync(pidFile, { force: true });
    const r = runLocal(killServiceCommand('kafka', { pidFile }));
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe(`kafka is not running (pidfile ${pidFile})`);
  });

  it('checks against the real pidfile and command line by default', () => {
    const text = killServiceCommand('zookeeper');
    expect(text).toContain('f=/var/lib/kafka-cluster/run/zookeeper.pid');
    expect(text).toContain(`case " $c" in *' org.apache.zookeeper.server.quorum.QuorumPeerMain '*) case " $c" in *' /etc/zookeeper/zoo.cfg ') true;;`);
    expect(parseKilledPid('noise\nkilled 42\n')).toBe(42);
    expect(parseKilledPid('')).toBeNull();
  });
});

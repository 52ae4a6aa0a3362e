// The lab end to end (root): hosts that behave like separate machines, SSH with pinned keys,
// the fault commands, and a lab:down that leaves nothing behind. Uses its own cluster name and
// subnet in a temporary folder, and always takes its lab down.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load.js';
import { labDown } from '../../src/lab/down.js';
import { assertRoutedViaLab, routeTo } from '../../src/lab/guard.js';
import { labIds } from '../../src/lab/naming.js';
import { labStatus } from '../../src/lab/status.js';
import { isAlive } from '../../src/lab/procs.js';
import { tcpOpen } from '../../src/lab/wait.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { runCommand as exec } from '../support/run-command.js';
import type { Cluster } from '../../src/inventory/model.js';
import type { HostStatus } from '../../src/lab/status.js';

const SUBNET = '192.168.215';
const CLUSTER = 'e2e-lab';
const HOSTS = ['node01', 'node02', 'node03'];
const address = (name: string) => `${SUBNET}.${10 + HOSTS.indexOf(name) + 1}`;

const tsx = join(process.cwd(), 'node_modules/.bin/tsx');

describeIf(missingRoot(), 'lab (network-namespace hosts)', () => {
  let dir: string;
  let inventory: string;
  let cluster: Cluster;
  let bridge: string;

  const lab = async (...args: string[]) => {
    const r = await exec(tsx, ['scripts/lab.ts', ...args, '--inventory', inventory, '--json']);
    return { ...r, json: r.code === 0 ? JSON.parse(r.stdout) : null };
  };

  /** ssh as the provisioner does: its key, only the pinned host keys, after the route check. */
  const ssh = async (host: string, command: string, knownHosts = cluster.ssh.knownHosts) => {
    await assertRoutedViaLab(address(host), bridge);
    return exec('ssh', [
      '-i', cluster.ssh.identityFile,
      '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`,
      '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=3', '-o', 'LogLevel=ERROR',
      '-p', String(cluster.ssh.port), `${cluster.ssh.user}@${address(host)}`, command,
    ]);
  };
  const hostStatus = async (name: string): Promise<HostStatus> => {
    const found = (await labStatus(cluster)).hosts.find((h) => h.name === name);
    if (!found) throw new Error(`no status for ${name}`);
    return found;
  };
  const sshOk = async (host: string, command: string) => {
    const r = await ssh(host, command);
    expect(r.code, `${host}: ${command}: ${r.stderr}`).toBe(0);
    return r.stdout.trim();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kcp-e2e-lab-'));
    inventory = join(dir, 'inventory.yaml');
    await writeFile(
      inventory,
      `cluster:\n  name: ${CLUSTER}\nhosts:\n${HOSTS.map((h, i) => `  - name: ${h}\n    address: ${address(h)}\n    zookeeper_id: ${i + 1}\n    broker_id: ${i}\n`).join('')}`,
    );
    cluster = (await loadInventory(inventory)).cluster;
    bridge = labIds(CLUSTER).bridge;
  });

  afterAll(async () => {
    if (cluster) await labDown(cluster, { purge: true }).catch((err) => console.error(err));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lab:up starts every host, writes the key pair and pins every host key', async () => {
    const up = await lab('up');
    expect(up.code, up.stderr).toBe(0);
    expect(up.json.hosts.map((h: { name: string; address: string }) => [h.name, h.address])).toEqual(HOSTS.map((h) => [h, address(h)]));
    expect(up.json.bridge).toBe(bridge);
    expect(up.json.identity_file).toBe(join(dir, '.lab/ssh/id_ed25519'));
    const known = (await readFile(join(dir, '.lab/ssh/known_hosts'), 'utf8')).trim().split('\n');
    expect(known.map((l) => l.split(' ')[0])).toEqual(HOSTS.map((h) => `${h},${address(h)}`));
    expect(new Set(known.map((l) => l.split(' ')[2])).size).toBe(3); // a key of its own per host
    for (const h of HOSTS) await assertRoutedViaLab(address(h), bridge);
  });

  it('lab:up again leaves running hosts alone', async () => {
    const cliStatus = await lab('status');
    expect(cliStatus.code, cliStatus.stderr).toBe(0);
    const before = cliStatus.json;
    expect(before.up).toBe(true);
    const again = await lab('up');
    expect(again.code, again.stderr).toBe(0);
    expect(again.json.hosts.map((h: { action: string }) => h.action)).toEqual(['running', 'running', 'running']);
    expect(again.json.hosts.map((h: { pid: number }) => h.pid)).toEqual(before.hosts.map((h: { pid: number }) => h.pid));
  });

  it('lab:up cleans up the leftovers of an earlier lab whose state is lost', async () => {
    const before = await labStatus(cluster);
    await rm(join(dir, '.lab/state.json'));
    const up = await lab('up');
    expect(up.code, up.stderr).toBe(0);
    const ids = labIds(CLUSTER);
    expect(up.json.removed_leftovers.namespaces).toEqual(HOSTS.map((h) => `${ids.namespacePrefix}${h}`));
    expect(up.json.removed_leftovers.links).toEqual(HOSTS.map((_, i) => `${ids.vethPrefix}${i}`));
    expect(up.json.removed_leftovers.processes).toBeGreaterThanOrEqual(3);
    expect(up.json.hosts.map((h: { action: string }) => h.action)).toEqual(['started', 'started', 'started']);
    for (const h of before.hosts) expect(await isAlive(h.pid!)).toBe(false);
    expect(await sshOk('node01', 'hostname')).toBe('node01'); // same host keys: known_hosts still pins them
  });

  it('gives each host its own hostname, /etc, disks and process table', async () => {
    for (const h of HOSTS) {
      const [names, hosts, lookup, defaultRoute] = (
        await sshOk(h, `hostname; cat /etc/hostname; echo @; cat /etc/hosts; echo @; getent hosts node03; echo @; ip route show default`)
      ).split(/\n?@\n?/);
      expect(names).toBe(`${h}\n${h}`);
      for (const other of HOSTS) expect(hosts).toContain(`${address(other)} ${other}`);
      expect(lookup?.split(/\s+/)).toEqual([address('node03'), 'node03']);
      expect(defaultRoute).toBe(''); // no default route: nothing it sends can leave
    }
    await sshOk('node01', 'echo one > /opt/kcp-e2e-marker; echo one > /var/lib/kcp-e2e; echo one > /var/log/kcp-e2e; echo one > /etc/kcp-e2e; echo one > /tmp/kcp-e2e');
    const files = ['/opt/kcp-e2e-marker', '/var/lib/kcp-e2e', '/var/log/kcp-e2e', '/etc/kcp-e2e', '/tmp/kcp-e2e'];
    expect(await sshOk('node01', `cat ${files.join(' ')}`)).toBe(files.map(() => 'one').join('\n'));
    expect(await sshOk('node02', `for f in ${files.join(' ')}; do test -e $f && echo $f; done; true`)).toBe('');
    for (const f of files) await expect(readFile(f)).rejects.toThrow(/ENOENT/); // this machine's real folders are untouched
    await sshOk('node01', 'setsid sleep 3600 </dev/null >/dev/null 2>&1 & echo started');
    expect(await sshOk('node01', 'ps -eo comm')).toContain('sleep');
    expect(await sshOk('node02', 'ps -eo comm')).not.toContain('sleep');
    expect(await sshOk('node02', 'ps -o pid= -p 1; cat /proc/1/comm')).toMatch(/^1\nsshd$/);

    const node01 = await hostStatus('node01');
    expect(node01.up).toBe(true);
    expect(node01.processes.some((p) => p.command === 'sleep 3600')).toBe(true);
    expect(node01.processes.find((p) => p.host_pid === 1)?.pid).toBe(node01.pid);
    const node02 = await hostStatus('node02');
    expect(node02.processes.some((p) => p.command.includes('sleep'))).toBe(false);
  });

  it('refuses a host whose key differs from the pinned one', async () => {
    await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other_key')]);
    const otherKey = (await readFile(join(dir, 'other_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
    const pinned = (await readFile(cluster.ssh.knownHosts, 'utf8')).split('\n');
    const forged = pinned.map((l) => (l.startsWith('node01,') ? `${l.split(' ')[0]} ${otherKey}` : l)).join('\n');
    await writeFile(join(dir, 'forged_known_hosts'), forged);
    const refused = await ssh('node01', 'true', join(dir, 'forged_known_hosts'));
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    expect(await sshOk('node01', 'echo ok')).toBe('ok');
  });

  it('kill cuts the power: every process of the host dies at once', async () => {
    await sshOk('node02', 'echo kept > /var/lib/kcp-e2e-disk; setsid sleep 3600 </dev/null >/dev/null 2>&1 &');
    const before = await hostStatus('node02');
    const pids: number[] = before.processes.map((p) => p.pid);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    const killed = await lab('kill', 'node02');
    expect(killed.code, killed.stderr).toBe(0);
    expect(killed.json).toMatchObject({ host: 'node02', fault: 'kill', changed: true });
    for (const pid of pids) expect(await isAlive(pid)).toBe(false);
    const after = await hostStatus('node02');
    expect(after).toMatchObject({ up: false, pid: null, processes: [] });
    expect((await ssh('node02', 'true')).code).toBe(255);
    expect((await lab('kill', 'node02')).json.changed).toBe(false);
  });

  it('restart boots the host again: fresh sshd, same disks, same host key', async () => {
    const restarted = await lab('restart', 'node02');
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(await sshOk('node02', 'cat /var/lib/kcp-e2e-disk')).toBe('kept');
    expect(await sshOk('node02', 'ps -eo comm')).not.toContain('sleep');
    const status = await hostStatus('node02');
    expect(status).toMatchObject({ up: true, pid: restarted.json.pid });
  });

  it('partition takes the host off the network and heal brings it back', async () => {
    const cut = await lab('partition', 'node03');
    expect(cut.code, cut.stderr).toBe(0);
    expect(await tcpOpen(address('node03'), 22, 1000)).toBe(false);
    expect((await ssh('node01', `timeout 2 bash -c '</dev/tcp/node03/22' && echo reached`)).stdout).not.toContain('reached');
    expect(await hostStatus('node03')).toMatchObject({ up: true, partitioned: true });
    const healed = await lab('heal', 'node03');
    expect(healed.code, healed.stderr).toBe(0);
    expect(await sshOk('node01', `timeout 2 bash -c '</dev/tcp/node03/22' && echo reached`)).toBe('reached');
    expect(await sshOk('node03', 'hostname')).toBe('node03');
  });

  it('refuses an unknown host, a non-root user and a subnet routed elsewhere, with exit 2', async () => {
    const unknown = await lab('kill', 'node09');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no host named node09/);

    const asNobody = await exec('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', tsx, 'scripts/lab.ts', 'up', '--inventory', 'inventory.yaml']);
    expect(asNobody.code).toBe(2);
    expect(asNobody.stderr).toMatch(/the lab needs root/);

    // a VirtualBox-like host-only network: a local bridge that already owns the subnet
    const other = join(dir, 'taken.yaml');
    await writeFile(other, `cluster:\n  name: e2e-taken\nhosts:\n  - name: a1\n    address: 192.168.216.11\n    zookeeper_id: 1\n    broker_id: 0\n`);
    await exec('ip', ['link', 'add', 'vbxtest-kcp', 'type', 'bridge']);
    try {
      await exec('ip', ['addr', 'add', '192.168.216.1/24', 'dev', 'vbxtest-kcp']);
      const taken = await exec(tsx, ['scripts/lab.ts', 'up', '--inventory', other]);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toMatch(/already routed somewhere other than the lab[\s\S]*vbxtest-kcp/);
    } finally {
      await exec('ip', ['link', 'delete', 'vbxtest-kcp']);
    }
    expect((await readdir('/run/netns').catch(() => [])).some((n) => n.startsWith(labIds('e2e-taken').namespacePrefix))).toBe(false);
  });

  it('lab:down leaves no namespace, link, bridge, address, mount or process', async () => {
    const pids: number[] = (await labStatus(cluster)).hosts.flatMap((h) => h.processes.map((p) => p.pid));
    expect(pids.length).toBeGreaterThanOrEqual(4);
    const down = await lab('down');
    expect(down.code, down.stderr).toBe(0);
    const ids = labIds(CLUSTER);
    expect((await readdir('/run/netns').catch(() => [])).filter((n) => n.startsWith(ids.namespacePrefix))).toEqual([]);
    expect((await readdir('/sys/class/net')).filter((n) => n === ids.bridge || n.startsWith(ids.vethPrefix))).toEqual([]);
    expect(await readFile('/proc/self/mountinfo', 'utf8')).not.toContain(ids.namespacePrefix);
    expect((await readdir('/etc/netns').catch(() => [])).filter((n) => n.startsWith(ids.namespacePrefix))).toEqual([]);
    for (const pid of pids) expect(await isAlive(pid)).toBe(false);
    const addrs = (await exec('ip', ['-4', '-o', 'addr', 'show'])).stdout;
    expect(addrs).not.toContain(`${SUBNET}.`);
    expect((await routeTo(address('node01'))).dev).not.toBe(ids.bridge); // no route left: nothing connects now
    await expect(assertRoutedViaLab(address('node01'), ids.bridge)).rejects.toThrow(/not the lab bridge/);
    const again = await lab('down');
    expect(again.code).toBe(0);
    expect(again.json.removed).toEqual({ namespaces: [], links: [], processes: 0 });
  });
});

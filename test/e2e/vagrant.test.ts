// The Vagrantfile reads inventory.yaml itself: it must define exactly the inventory's hosts and
// addresses (checked by loading it under a recording stand-in for Vagrant.configure, with the
// default inventory and with a different one through KCP_INVENTORY), pass `vagrant validate
// --ignore-provider`, and its provisioning script must do its job on a Debian 12 host (a lab host).
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load.js';
import type { Cluster } from '../../src/inventory/model.js';
import { labDown } from '../../src/lab/down.js';
import { shellQuote } from '../../src/lab/commands.js';
import { assertRoutedViaLab } from '../../src/lab/guard.js';
import { labIds } from '../../src/lab/naming.js';
import { labUp } from '../../src/lab/up.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { runCommand } from '../support/run-command.js';

const root = process.cwd();

function missingTool(tool: string, pkg: string): string | null {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0 ? null : `needs ${tool} (apt-get install ${pkg})`;
}

const run = (cmd: string, args: string[], env: Record<string, string> = {}) => runCommand(cmd, args, { cwd: root, env });

interface Machine {
  name: string;
  hostname: string;
  networks: Array<{ type: string; ip?: string }>;
  providers: Record<string, { memory?: number; cpus?: number }>;
  provisions: Array<{ type: string; inline?: string; args?: string[] }>;
}

async function machines(env: Record<string, string> = {}): Promise<{ box: string; machines: Machine[] }> {
  const r = await run('ruby', ['test/e2e/vagrant/machines.rb', join(root, 'Vagrantfile')], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

const summary = (ms: Machine[]) =>
  ms.map((m) => ({ name: m.name, hostname: m.hostname, ips: m.networks.filter((n) => n.type === 'private_network').map((n) => n.ip) }));
const expected = (c: Cluster) => c.hosts.map((h) => ({ name: h.name, hostname: h.name, ips: [h.address] }));

let dir: string;
let other: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kcp-vagrant-'));
  await mkdir(join(dir, 'keys'));
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'kcp-test', '-f', join(dir, 'keys/id_test')]);
  other = join(dir, 'inventory.yaml');
  await writeFile(
    other,
    [
      'cluster:',
      '  name: vagrant-other',
      '  ssh:',
      '    user: kcpadmin',
      '    port: 2222',
      '    identity_file: keys/id_test',
      'hosts:',
      '  - name: kafka-a',
      '    address: 10.77.3.21',
      '    zookeeper_id: 1',
      '    broker_id: 0',
      '  - name: kafka-b',
      '    address: 10.77.3.22',
      '    broker_id: 1',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describeIf(missingTool('ruby', 'ruby'), 'Vagrantfile machine definitions', () => {
  it("defines exactly the default inventory's hosts and addresses on a Debian 12 box", async () => {
    const { cluster } = await loadInventory(join(root, 'inventory.yaml'));
    const def = await machines({ KCP_INVENTORY: '' });
    expect(def.box).toBe('debian/bookworm64');
    expect(summary(def.machines)).toEqual(expected(cluster));
    for (const m of def.machines) {
      expect(m.providers.virtualbox).toMatchObject({ memory: 2048, cpus: 2 });
      expect(m.provisions.map((p) => p.type)).toEqual(['shell']);
      expect(m.provisions[0]!.inline).toContain('apt-get install -y -q openjdk-17-jre-headless');
    }
  });

  it('defines the KRaft inventory\'s hosts too (the Vagrantfile does not care which processes a host runs)', async () => {
    const { cluster } = await loadInventory(join(root, 'inventory.kraft.yaml'));
    const def = await machines({ KCP_INVENTORY: join(root, 'inventory.kraft.yaml') });
    expect(summary(def.machines)).toEqual(expected(cluster));
    // Kafka 4 needs Java 17: the VMs get it
    for (const m of def.machines) expect(m.provisions[0]!.inline).toContain('openjdk-17-jre-headless');
  });

  it('follows another inventory (KCP_INVENTORY), its SSH user, port and key, and the VM size from the environment', async () => {
    const { cluster } = await loadInventory(other);
    const def = await machines({ KCP_INVENTORY: other, KCP_VM_MEMORY: '1536', KCP_VM_CPUS: '1' });
    expect(summary(def.machines)).toEqual(expected(cluster));
    expect(def.machines.map((m) => m.name)).toEqual(['kafka-a', 'kafka-b']);
    const key = spawnSync('cat', [join(dir, 'keys/id_test.pub')]).stdout.toString().trim();
    for (const m of def.machines) {
      expect(m.providers.virtualbox).toMatchObject({ memory: 1536, cpus: 1 });
      expect(m.providers.libvirt).toEqual({ memory: 1536, cpus: 1 });
      expect(m.provisions[0]!.args).toEqual(['kcpadmin', '2222', key, '10.77.3.21 kafka-a\n10.77.3.22 kafka-b']);
    }
  });
});

describeIf(missingTool('vagrant', 'vagrant'), 'vagrant validate', () => {
  const vagrantEnv = () => ({
    VAGRANT_CHECKPOINT_DISABLE: '1', // no version check over the network
    VAGRANT_HOME: join(dir, 'vagrant-home'),
    VAGRANT_DOTFILE_PATH: join(dir, 'vagrant-dot'),
    VAGRANT_CWD: root,
  });

  it('accepts the Vagrantfile with the default and another inventory', async () => {
    for (const inventory of ['', other]) {
      const r = await run('vagrant', ['validate', '--ignore-provider'], { ...vagrantEnv(), KCP_INVENTORY: inventory });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('Vagrantfile validated successfully');
    }
  });

  it('fails on an inventory without hosts', async () => {
    const empty = join(dir, 'empty.yaml');
    await writeFile(empty, 'cluster:\n  name: empty\nhosts: []\n');
    const r = await run('vagrant', ['validate', '--ignore-provider'], { ...vagrantEnv(), KCP_INVENTORY: empty });
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toContain(`${empty}: no hosts`);
  });
});

describeIf(missingRoot() ?? missingTool('ruby', 'ruby'), "the Vagrantfile's provisioning script on a Debian 12 host (lab)", () => {
  let lab: Cluster;
  const address = '192.168.217.11';

  beforeAll(async () => {
    const inventory = join(dir, 'lab.yaml');
    await writeFile(inventory, `cluster:\n  name: vagrant-provision\nhosts:\n  - name: prov1\n    address: ${address}\n    zookeeper_id: 1\n    broker_id: 0\n`);
    lab = (await loadInventory(inventory)).cluster;
    await labUp(lab);
  });
  afterAll(async () => {
    if (lab) await labDown(lab, { purge: true });
  });

  const ssh = async (command: string) => {
    await assertRoutedViaLab(address, labIds(lab.name).bridge);
    const r = await run('ssh', [
      '-i', lab.ssh.identityFile, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes',
      '-o', `UserKnownHostsFile=${lab.ssh.knownHosts}`, '-o', 'LogLevel=ERROR', `root@${address}`, command,
    ]);
    expect(r.code, `${command}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };

  it('creates the SSH user, authorizes the key once, opens the port and fixes /etc/hosts, idempotently', async () => {
    const def = await machines({ KCP_INVENTORY: other });
    const { inline, args } = def.machines[0]!.provisions[0]!;
    // packages and services are the VM's business: dpkg says the JDK is there, systemctl records
    await ssh(
      [
        'mkdir -p /tmp/shim',
        "printf '#!/bin/sh\\nexit 0\\n' > /tmp/shim/dpkg",
        `printf '#!/bin/sh\\necho "$*" >> /tmp/shim/systemctl.log\\n' > /tmp/shim/systemctl`,
        'chmod +x /tmp/shim/dpkg /tmp/shim/systemctl',
        `printf '%s\\n' ${shellQuote(inline!)} > /tmp/provision.sh`,
        "echo '127.0.1.1 prov1' >> /etc/hosts",
      ].join(' && '),
    );
    const invoke = `PATH=/tmp/shim:$PATH bash /tmp/provision.sh ${args!.map(shellQuote).join(' ')}`;
    await ssh(invoke);
    await ssh(invoke);

    const key = args![2]!;
    expect(await ssh('id -un kcpadmin; getent passwd kcpadmin | cut -d: -f6')).toBe('kcpadmin\n/home/kcpadmin\n');
    expect(await ssh('stat -c %a /home/kcpadmin/.ssh /home/kcpadmin/.ssh/authorized_keys')).toBe('700\n600\n');
    expect(await ssh('cat /home/kcpadmin/.ssh/authorized_keys')).toBe(`${key}\n`);
    expect(await ssh('cat /etc/sudoers.d/90-kcp-kcpadmin')).toBe('kcpadmin ALL=(ALL) NOPASSWD:ALL\n');
    expect(await ssh('cat /etc/ssh/sshd_config.d/50-kcp.conf')).toBe('Port 22\nPort 2222\n');
    expect(await ssh('/usr/sbin/sshd -t -f /etc/ssh/sshd_config -h /etc/ssh/ssh_host_ed25519_key && echo valid')).toBe('valid\n');
    const hosts = await ssh('cat /etc/hosts');
    expect(hosts).not.toMatch(/^127\.0\.1\.1/m);
    expect(hosts.match(/# BEGIN kcp-vagrant hosts\n10\.77\.3\.21 kafka-a\n10\.77\.3\.22 kafka-b\n# END kcp-vagrant hosts\n/g)).toHaveLength(1);
    expect(await ssh('cat /tmp/shim/systemctl.log')).toBe('reload ssh\nreload ssh\n');
  });
});

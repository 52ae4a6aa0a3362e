import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { prepareHostDisk, type DiskOptions } from '../../src/lab/disk.js';
import { labNames } from '../../src/lab/naming.js';
import { labPaths } from '../../src/lab/paths.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { labCluster } from './fixture.js';

// Writes /etc/netns/<namespace>/ (root), and removes it again.
describeIf(missingRoot(), 'host disks', () => {
  let dir: string;
  let options: DiskOptions;
  let host: ReturnType<typeof labNames>['hosts'][number];
  const at = (p: string) => options.paths.onHost('node01', p);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kcp-lab-disk-'));
    const cluster = labCluster({ name: 'disk-test', baseDir: dir });
    host = labNames(cluster).hosts[0]!;
    options = { paths: labPaths(cluster), cluster: cluster.hosts, sshPort: 22, sshUser: 'root', authorizedKey: 'ssh-ed25519 AAAAtest kcp' };
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    if (host) await rm(`/etc/netns/${host.namespace}`, { recursive: true, force: true });
  });

  it("copies /etc without this machine's identity and gives the host its own", async () => {
    const hostKey = await prepareHostDisk(host, options);
    expect(hostKey).toMatch(/^ssh-ed25519 \S+ root@node01$/);
    expect(await readFile(at('/etc/passwd'), 'utf8')).toBe(await readFile('/etc/passwd', 'utf8'));
    await expect(stat(at('/etc/ssh/ssh_host_rsa_key'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(at('/etc/ssh/ssh_host_ed25519_key.pub'), 'utf8')).toContain(hostKey.split(' ')[1]!);
    expect(await readFile(at('/etc/hostname'), 'utf8')).toBe('node01\n');
    expect(await readFile(at('/etc/hosts'), 'utf8')).toContain('192.168.56.13 node03\n');
    expect(await readFile(at('/etc/resolv.conf'), 'utf8')).toBe('');
    expect(await readFile(at('/etc/ssh/kcp-lab_authorized_keys'), 'utf8')).toBe('ssh-ed25519 AAAAtest kcp\n');
    expect(await readFile(at('/etc/ssh/kcp-lab_sshd_config'), 'utf8')).toContain('ListenAddress 192.168.56.11\n');
    expect((await stat(at('/tmp'))).mode & 0o7777).toBe(0o1777);
    expect((await stat(options.paths.hostsDir)).mode & 0o777).toBe(0o700);
    expect(await readFile(`/etc/netns/${host.namespace}/resolv.conf`, 'utf8')).toBe('');
    expect(await readFile(`/etc/netns/${host.namespace}/hosts`, 'utf8')).toContain('192.168.56.11 node01\n');
  });

  it('keeps the disk on the next run: same host key, what the provisioner wrote stays', async () => {
    const first = await readFile(at('/etc/ssh/ssh_host_ed25519_key.pub'), 'utf8');
    await writeFile(at('/etc/hosts'), `${await readFile(at('/etc/hosts'), 'utf8')}# BEGIN kafka\n1.2.3.4 x\n# END kafka\n`);
    await writeFile(at('/opt/marker'), 'kept');
    const again = await prepareHostDisk(host, { ...options, authorizedKey: 'ssh-ed25519 AAAAnew kcp' });
    expect(`${again}\n`).toBe(first);
    expect(await readFile(at('/etc/hosts'), 'utf8')).toContain('# BEGIN kafka\n1.2.3.4 x\n# END kafka\n');
    expect(await readFile(at('/opt/marker'), 'utf8')).toBe('kept');
    expect(await readFile(at('/etc/ssh/kcp-lab_authorized_keys'), 'utf8')).toBe('ssh-ed25519 AAAAnew kcp\n');
  });

  it('refuses an SSH user that the hosts do not have', async () => {
    await expect(prepareHostDisk(host, { ...options, sshUser: 'kcp-nobody-here' })).rejects.toThrow(InputError);
  });
});

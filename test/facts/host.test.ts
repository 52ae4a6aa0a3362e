import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distCommand, distStampScript, javaCommand, parseDisk, parseDist, parseEtcHosts, parseJava, parsePorts, parseUser, userCommand, diskCommand, etcHostsCommand } from '../../src/facts/host.js';
import { runLocal } from './local-bash.js';

describe('java fact', () => {
  it('reads the feature version of modern and legacy banners', () => {
    expect(parseJava('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toEqual({ major: 17, banner: 'openjdk version "17.0.15" 2025-04-15' });
    expect(parseJava('java version "1.8.0_392"\n').major).toBe(8);
    expect(parseJava('openjdk version "21" 2023-09-19\n').major).toBe(21);
    expect(parseJava('java: command not found\n')).toEqual({ major: null, banner: 'java: command not found' });
  });
  it('finds the java of this machine, from its release file without starting it', () => {
    const fact = parseJava(runLocal(javaCommand()).stdout);
    expect(fact.major).toBeGreaterThanOrEqual(11);
    expect(fact.banner).toMatch(/^java version "\d+[^"]*" \(\/.*\/bin\/java, from its release file\)$/);
  });

  it('asks java -version when the JDK has no release file, and says so when there is no java', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcp-java-'));
    try {
      mkdirSync(join(dir, 'jdk', 'bin'), { recursive: true });
      writeFileSync(join(dir, 'jdk', 'bin', 'java'), '#!/bin/sh\necho \'openjdk version "21.0.2" 2024-01-16\' >&2\n', { mode: 0o755 });
      const path = `${join(dir, 'jdk', 'bin')}:/usr/bin:/bin`;
      expect(parseJava(runLocal(`PATH=${path}\n${javaCommand()}`).stdout)).toEqual({ major: 21, banner: 'openjdk version "21.0.2" 2024-01-16' });
      writeFileSync(join(dir, 'jdk', 'release'), 'IMPLEMENTOR="x"\nJAVA_VERSION="21.0.3"\n');
      expect(parseJava(runLocal(`PATH=${path}\n${javaCommand()}`).stdout).banner).toBe(`java version "21.0.3" (${join(dir, 'jdk', 'bin', 'java')}, from its release file)`);
      expect(parseJava(runLocal(`PATH=${join(dir, 'none')}\n${javaCommand()}`).stdout).major).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('disk fact', () => {
  it('reads available bytes per path from df -Pk', () => {
    const out = 'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/vda 264000000 23000000 83886080 22% /\n/dev/vdb 1000 900 100 90% /var\n';
    expect(parseDisk(out, ['/opt', '/var/lib'])).toEqual(new Map([['/opt', 83886080 * 1024], ['/var/lib', 100 * 1024]]));
    expect(() => parseDisk(out, ['/opt'])).toThrow(/expected 1 rows/);
  });
  it('runs on this machine', () => {
    const free = parseDisk(runLocal(diskCommand(['/', '/tmp'])).stdout, ['/', '/tmp']);
    expect(free.get('/')).toBeGreaterThan(0);
  });
});

describe('ports fact', () => {
  it('reads listening ports and their owning pids from ss -ltnpH', () => {
    const out = [
      'LISTEN 0      50                 *:2181             *:*    users:(("java",pid=812,fd=113))',
      'LISTEN 0      128   192.168.58.11:22         0.0.0.0:*    users:(("sshd",pid=1,fd=3))',
      'LISTEN 0      50     [::ffff:192.168.58.11]:3888 *:*',
    ].join('\n');
    expect(parsePorts(out)).toEqual([
      { port: 2181, pids: [812], process: 'java' },
      { port: 22, pids: [1], process: 'sshd' },
      { port: 3888, pids: [], process: null },
    ]);
    expect(() => parsePorts('garbage')).toThrow(/unreadable/);
  });
});

describe('user fact', () => {
  it('gives the uid or null', () => {
    expect(parseUser(runLocal(userCommand('root')).stdout)).toBe(0);
    expect(parseUser(runLocal(userCommand('no-such-user-kcp')).stdout)).toBeNull();
  });
});

describe('dist fact', () => {
  it('exact command', () => {
    expect(distCommand('/opt/kafka-dist/k.tgz', '/opt/k', '/opt/kafka')).toBe(
      "if [ -f /opt/kafka-dist/k.tgz ]; then s=$(stat -c '%s %Y %i' -- /opt/kafka-dist/k.tgz); st=$(cat -- /opt/kafka-dist/k.tgz.sha512 2>/dev/null || true);" +
        ' if [ -n "$st" ] && [ "${st#* }" = "$s" ]; then echo "${st%% *} stamped"; else h=$(sha512sum < /opt/kafka-dist/k.tgz); echo "${h%% *} read"; fi; else echo -; fi\n' +
        'if [ -d /opt/k ]; then echo yes; else echo no; fi\n' +
        'readlink -- /opt/kafka || echo -',
    );
  });
  it('reads a host without anything installed', () => {
    const out = runLocal(distCommand('/nonexistent/k.tgz', '/nonexistent/k', '/nonexistent/kafka')).stdout;
    expect(parseDist(out)).toEqual({ tarballSha512: null, stamped: false, unpacked: false, linkTarget: null });
  });
  it('reads an installed one', () => {
    const sha = 'a'.repeat(128);
    expect(parseDist(`${sha} read\nyes\n/opt/kafka_2.13-3.9.1\n`)).toEqual({ tarballSha512: sha, stamped: false, unpacked: true, linkTarget: '/opt/kafka_2.13-3.9.1' });
    expect(parseDist(`${sha} stamped\nno\n-\n`)).toMatchObject({ tarballSha512: sha, stamped: true, linkTarget: null });
    expect(() => parseDist('nonsense\n')).toThrow(/unreadable/);
    expect(() => parseDist(`${sha}\nyes\n-\n`)).toThrow(/unreadable/);
  });
  it('takes the sha512 from the stamp only while the tarball is the stamped file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcp-dist-fact-'));
    try {
      const tgz = join(dir, 'k.tgz');
      writeFileSync(tgz, 'tarball bytes');
      const real = createHash('sha512').update('tarball bytes').digest('hex');
      const read = () => parseDist(runLocal(distCommand(tgz, join(dir, 'k'), join(dir, 'kafka'))).stdout);
      expect(read()).toMatchObject({ tarballSha512: real, stamped: false });
      const claimed = 'c'.repeat(128); // a stamp is trusted while size, mtime and inode match: it is not re-checked
      expect(runLocal(distStampScript(tgz, claimed)).code).toBe(0);
      expect(read()).toMatchObject({ tarballSha512: claimed, stamped: true });
      writeFileSync(`${tgz}.new`, 'other bytes!!');
      renameSync(`${tgz}.new`, tgz); // replaced (same size, another inode): read again
      expect(read()).toMatchObject({ tarballSha512: createHash('sha512').update('other bytes!!').digest('hex'), stamped: false });
      expect(() => distStampScript(tgz, 'not a sha')).toThrow(/not a sha512/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('/etc/hosts fact', () => {
  it('round-trips any bytes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kcp-hosts-')), 'hosts');
    const text = '127.0.0.1\tlocalhost\n# ünïcødé, $HOME `id` \\ \'"\n\n::1 ip6-localhost  \n';
    writeFileSync(file, text);
    const out = runLocal(etcHostsCommand(file)).stdout;
    rmSync(dirname(file), { recursive: true });
    expect(parseEtcHosts(out)).toBe(text);
    expect(parseEtcHosts(runLocal(etcHostsCommand('/nonexistent')).stdout)).toBe('');
  });
});

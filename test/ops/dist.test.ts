import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planDist, switchLinkScript, unpackScript } from '../../src/ops/dist.js';
import { runLocal } from '../facts/local-bash.js';

const sha = 'a'.repeat(128);
const target = { component: 'kafka' as const, name: 'kafka_2.13-3.9.1', localPath: '/local/k.tgz', localSha512: sha, tarball: '/opt/kafka-dist/k.tgz', dir: '/opt/kafka_2.13-3.9.1', link: '/opt/kafka' };
const work = mkdtempSync(join(tmpdir(), 'kcp-dist-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('planDist', () => {
  it('does nothing when the tarball, folder and link are right', () => {
    expect(planDist(target, { tarballSha512: sha, stamped: true, unpacked: true, linkTarget: target.dir })).toEqual({ upload: false, stamp: false, unpack: false, switchLink: false, reasons: [] });
  });
  it('stamps a kept tarball that has no stamp yet (a host provisioned before stamps), and nothing else', () => {
    expect(planDist(target, { tarballSha512: sha, stamped: false, unpacked: true, linkTarget: target.dir })).toEqual({
      upload: false, stamp: true, unpack: false, switchLink: false, reasons: ['tarball sha512 not stamped beside it'],
    });
  });
  it('uploads, unpacks and links on a fresh host', () => {
    expect(planDist(target, { tarballSha512: null, stamped: false, unpacked: false, linkTarget: null })).toEqual({
      upload: true, stamp: true, unpack: true, switchLink: true,
      reasons: ['tarball not on host', '/opt/kafka -> (none), wanted /opt/kafka_2.13-3.9.1'],
    });
  });
  it('re-unpacks without upload when only the folder is gone; relinks an old version', () => {
    expect(planDist(target, { tarballSha512: sha, stamped: true, unpacked: false, linkTarget: '/opt/kafka_2.13-3.8.0' })).toMatchObject({ upload: false, stamp: false, unpack: true, switchLink: true });
  });
});

describe('unpack and switch (run locally)', () => {
  it('unpacks into the versioned folder by rename, replaces an old copy, and switches the link', () => {
    const src = join(work, 'src', 'kafka_x');
    mkdirSync(join(src, 'libs'), { recursive: true });
    writeFileSync(join(src, 'libs', 'a.jar'), 'v2');
    const tgz = join(work, 'k.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', join(work, 'src'), 'kafka_x']);
    const dir = join(work, 'kafka_x');
    mkdirSync(dir);
    writeFileSync(join(dir, 'stale'), 'old');

    expect(runLocal(unpackScript(tgz, dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'libs', 'a.jar'), 'utf8')).toBe('v2');
    expect(readdirSync(dir)).toEqual(['libs']);
    expect(readdirSync(work).filter((n) => n.startsWith('.'))).toEqual([]);

    const link = join(work, 'kafka');
    expect(runLocal(switchLinkScript(dir, link)).code).toBe(0);
    expect(runLocal(switchLinkScript(dir, link)).code).toBe(0);
    expect(readlinkSync(link)).toBe(dir);
  });
  it('exact link switch command', () => {
    expect(switchLinkScript('/opt/kafka_2.13-3.9.1', '/opt/kafka')).toBe('ln -sfn -- /opt/kafka_2.13-3.9.1 /opt/.kafka.kcp.tmp && mv -Tf -- /opt/.kafka.kcp.tmp /opt/kafka');
  });
});

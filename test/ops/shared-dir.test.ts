import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isOpen, parseProbePath, probeFolder, readProbeCommand, removeProbeCommand, sharedProblem, tcpProbeCommand, writeProbeCommand } from '../../src/ops/shared-dir.js';
import { runLocal } from '../facts/local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const token = '0123456789abcdef0123456789abcdef';

describe('a shared folder check', () => {
  it('writes into the folder, or the deepest part of it that exists; reads back; removes', () => {
    for (const [target, folder] of [[dir, dir], [`${dir}/not/yet`, dir]] as const) {
      const written = runLocal(writeProbeCommand(target, token));
      expect(written.code).toBe(0);
      const path = parseProbePath(written.stdout, token);
      expect(probeFolder(path)).toBe(folder);
      expect(sharedProblem(target, path, runLocal(readProbeCommand(path)).stdout, token, 'node01')).toBeNull();
      expect(runLocal(removeProbeCommand(path)).code).toBe(0);
      expect(existsSync(path)).toBe(false);
      expect(existsSync(`${dir}/not`)).toBe(false);
    }
  });

  it('names a folder that is only local, or holds another check', () => {
    expect(runLocal(readProbeCommand(`${dir}/.kcp-shared-check-${token}`)).stdout).toBe('-\n');
    expect(sharedProblem('/srv/x', `/srv/x/.kcp-shared-check-${token}`, '-\n', token, 'node01')).toMatch(/^\/srv\/x is not shared storage: the file node01 wrote into \/srv\/x is missing here/);
    expect(sharedProblem('/opt/ckpt', `/opt/.kcp-shared-check-${token}`, '-\n', token, 'node01')).toContain('wrote into /opt (the deepest folder of /opt/ckpt that node01 has) is missing here');
    expect(sharedProblem('/srv/x', `/srv/x/.kcp-shared-check-${token}`, 'ffff\n', token, 'node01')).toMatch(/holds another check file than the one node01 wrote/);
  });

  it('never writes anything but a hex token, and takes only its own file back', () => {
    expect(() => writeProbeCommand(dir, "x'; rm -rf /")).toThrow(/not a token/);
    expect(() => parseProbePath('/etc/passwd\n', token)).toThrow(/unexpected answer/);
    expect(probeFolder(`/.kcp-shared-check-${token}`)).toBe('/');
  });
});

describe('a TCP probe', () => {
  it('tells an open port from a closed one', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      expect(isOpen(runLocal(tcpProbeCommand('127.0.0.1', port)).stdout)).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(isOpen(runLocal(tcpProbeCommand('127.0.0.1', port, 2)).stdout)).toBe(false);
  });

  it('passes the host as an argument, never as script', () => {
    expect(tcpProbeCommand('nn1;reboot', 8020)).toContain("'nn1;reboot'");
    expect(() => tcpProbeCommand('nn1', 0)).toThrow(/not a port/);
  });
});

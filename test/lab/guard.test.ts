import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRoute, guardLabAddress, labFor } from '../../src/lab/guard.js';
import { labPaths } from '../../src/lab/paths.js';
import { writeState } from '../../src/lab/state.js';
import { labCluster } from './fixture.js';

describe('lab guard', () => {
  it('accepts a direct route over the lab bridge only', () => {
    expect(checkRoute('192.168.56.11', { dst: '192.168.56.11', dev: 'kcpabcdef', gateway: null }, 'kcpabcdef')).toBeNull();
    expect(checkRoute('192.168.56.11', { dst: '192.168.56.11', dev: 'eth0', gateway: '192.0.2.1' }, 'kcpabcdef')).toBe(
      'refusing to connect to 192.168.56.11: it routes via eth0 (gateway 192.0.2.1), not the lab bridge kcpabcdef; is the lab up (npm run lab:up)?',
    );
    expect(checkRoute('192.168.56.11', { dst: '192.168.56.11', dev: 'kcpabcdef', gateway: '192.168.56.254' }, 'kcpabcdef')).toMatch(/through gateway/);
  });

  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("knows lab mode from the inventory's state.json, for the same cluster only", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kcp-lab-guard-'));
    dirs.push(dir);
    const cluster = labCluster({ baseDir: dir });
    expect(await labFor(cluster)).toBeNull();
    expect(await guardLabAddress(cluster, '192.168.56.11')).toBeNull();
    await expect(guardLabAddress(cluster, '192.168.56.11', { required: true })).rejects.toThrow(/no lab is up for popularity-demo/);
    const state = {
      version: 1 as const, cluster: 'other', inventory: '', bridge: 'kcpabcdef', gateway: '192.168.56.1', subnet: '192.168.56.0/24',
      namespacePrefix: 'kcp-other-abcdef-', sshPort: 22, hosts: [],
    };
    await writeState(labPaths(cluster).stateFile, state);
    expect(await labFor(cluster)).toBeNull();
    await writeState(labPaths(cluster).stateFile, { ...state, cluster: 'popularity-demo' });
    expect((await labFor(cluster))?.bridge).toBe('kcpabcdef');
    // in lab mode, an address that does not route over that bridge is refused (asks the kernel, sends nothing)
    await expect(guardLabAddress(cluster, '192.168.56.11')).rejects.toThrow(/not the lab bridge kcpabcdef/);
  });
});

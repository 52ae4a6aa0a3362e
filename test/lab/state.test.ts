import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostState, parseState, readState, removeState, writeState, type LabState } from '../../src/lab/state.js';

const state: LabState = {
  version: 1,
  cluster: 'popularity-demo',
  inventory: '/srv/kcp/inventory.yaml',
  bridge: 'kcpabcdef',
  gateway: '192.168.56.1',
  subnet: '192.168.56.0/24',
  namespacePrefix: 'kcp-popularity-demo-abcdef-',
  sshPort: 22,
  hosts: [
    { name: 'node01', address: '192.168.56.11', namespace: 'kcp-popularity-demo-abcdef-node01', vethHost: 'kvabcdef-0', pid: 4242, bootedAt: '2025-01-01T00:00:00.000Z' },
    { name: 'node02', address: '192.168.56.12', namespace: 'kcp-popularity-demo-abcdef-node02', vethHost: 'kvabcdef-1', pid: null, bootedAt: null },
  ],
};

describe('lab state', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('round-trips through state.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kcp-lab-state-'));
    dirs.push(dir);
    const file = join(dir, '.lab', 'state.json');
    expect(await readState(file)).toBeNull();
    await writeState(file, state);
    expect(await readState(file)).toEqual(state);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state);
    await removeState(file);
    expect(await readState(file)).toBeNull();
  });

  it('refuses a file that is not a lab state, naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kcp-lab-state-'));
    dirs.push(dir);
    const file = join(dir, 'state.json');
    await writeFile(file, JSON.stringify({ ...state, version: 2 }));
    await expect(readState(file)).rejects.toThrow(`${file}: not a lab state`);
    expect(() => parseState(JSON.stringify({ ...state, hosts: [{ name: 'x' }] }))).toThrow(/not a lab state/);
    expect(() => parseState('{')).toThrow();
  });

  it('finds a host by name', () => {
    expect(hostState(state, 'node02')?.pid).toBeNull();
    expect(hostState(state, 'node09')).toBeUndefined();
  });
});

// .lab/state.json: what the lab created, so status, down, the fault commands and the SSH guard
// work from any process. Written atomically; a missing or unreadable file means "no lab".
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readTextIfExists } from '../fs/read-text-if-exists.js';

export interface LabHostState {
  name: string;
  address: string;
  namespace: string;
  vethHost: string;
  /** PID (as seen from this machine) of the host's PID 1, its sshd; null when powered off */
  pid: number | null;
  /** ISO time of the last boot */
  bootedAt: string | null;
}

export interface LabState {
  version: 1;
  cluster: string;
  inventory: string;
  bridge: string;
  gateway: string;
  subnet: string;
  namespacePrefix: string;
  sshPort: number;
  hosts: LabHostState[];
}

function isHost(value: unknown): value is LabHostState {
  const h = value as LabHostState;
  return (
    typeof h === 'object' && h !== null &&
    typeof h.name === 'string' && typeof h.address === 'string' &&
    typeof h.namespace === 'string' && typeof h.vethHost === 'string' &&
    (h.pid === null || Number.isInteger(h.pid)) &&
    (h.bootedAt === null || typeof h.bootedAt === 'string')
  );
}

/** Parses state.json; throws on anything that is not a state written by this version. */
export function parseState(text: string): LabState {
  const s = JSON.parse(text) as LabState;
  const ok =
    typeof s === 'object' && s !== null && s.version === 1 &&
    ['cluster', 'inventory', 'bridge', 'gateway', 'subnet', 'namespacePrefix'].every(
      (k) => typeof (s as unknown as Record<string, unknown>)[k] === 'string',
    ) &&
    Number.isInteger(s.sshPort) && Array.isArray(s.hosts) && s.hosts.every(isHost);
  if (!ok) throw new Error('not a lab state (version 1)');
  return s;
}

export async function readState(file: string): Promise<LabState | null> {
  const text = await readTextIfExists(file);
  if (text === null) return null;
  try {
    return parseState(text);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}; run lab:down to clean up`, { cause: err });
  }
}

export async function writeState(file: string, state: LabState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, file);
}

export async function removeState(file: string): Promise<void> {
  await rm(file, { force: true });
}

export function hostState(state: LabState, name: string): LabHostState | undefined {
  return state.hosts.find((h) => h.name === name);
}

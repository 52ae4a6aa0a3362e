// Reads processes and namespaces from /proc (facts only, nothing is changed here).
import { readdir, readFile, readlink, stat } from 'node:fs/promises';

/** "net:[4026532281]" -> the namespace's inode, or null if the process is gone. */
export async function namespaceOf(pid: number, kind: 'net' | 'pid' | 'mnt'): Promise<string | null> {
  try {
    return await readlink(`/proc/${pid}/ns/${kind}`);
  } catch {
    return null;
  }
}

/** Identity of a named network namespace (/run/netns/NAME), as in /proc/PID/ns/net. */
export async function netnsId(namespace: string): Promise<string | null> {
  try {
    return `net:[${(await stat(`/run/netns/${namespace}`)).ino}]`;
  } catch {
    return null;
  }
}

export async function allPids(): Promise<number[]> {
  return (await readdir('/proc')).filter((e) => /^\d+$/.test(e)).map(Number);
}

/** PIDs whose namespace of `kind` is `id` (e.g. every process of one lab host). */
export async function pidsIn(kind: 'net' | 'pid', id: string): Promise<number[]> {
  const pids = await allPids();
  const ids = await Promise.all(pids.map((p) => namespaceOf(p, kind)));
  return pids.filter((_, i) => ids[i] === id);
}

/** The children of a process (all its threads), from /proc/PID/task/TID/children. */
export async function childrenOf(pid: number): Promise<number[]> {
  try {
    const tasks = await readdir(`/proc/${pid}/task`);
    const lists = await Promise.all(tasks.map((t) => readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '')));
    return lists.flatMap((l) => l.split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

export interface ProcessInfo {
  pid: number;
  command: string;
}

export async function processInfo(pid: number): Promise<ProcessInfo | null> {
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    const command = raw.split('\0').filter(Boolean).join(' ');
    return { pid, command: command || `[${(await readFile(`/proc/${pid}/comm`, 'utf8')).trim()}]` };
  } catch {
    return null;
  }
}

export async function isAlive(pid: number): Promise<boolean> {
  try {
    const s = await readFile(`/proc/${pid}/stat`, 'utf8');
    // a zombie has died already; its parent has not reaped it yet
    return s.slice(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** "192.168.56.11", 22 -> "0B38A8C0:0016", as the kernel writes it in /proc/net/tcp (x86: little-endian). */
export function procNetTcpAddress(address: string, port: number): string {
  const hex = address.split('.').map((p) => Number(p).toString(16).padStart(2, '0').toUpperCase()).reverse().join('');
  return `${hex}:${port.toString(16).padStart(4, '0').toUpperCase()}`;
}

/** Whether /proc/net/tcp text has a LISTEN socket (state 0A) on address:port. */
export function listensIn(procNetTcp: string, address: string, port: number): boolean {
  const want = procNetTcpAddress(address, port);
  return procNetTcp.split('\n').slice(1).some((line) => {
    const f = line.trim().split(/\s+/);
    return f[1] === want && f[3] === '0A';
  });
}

/** Whether something listens on address:port in the network namespace of `pid` (no packet sent). */
export async function listening(pid: number, address: string, port: number): Promise<boolean> {
  const text = await readFile(`/proc/${pid}/net/tcp`, 'utf8').catch(() => '');
  return listensIn(text, address, port);
}

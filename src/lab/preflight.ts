// What the lab needs before it touches anything; each refusal is an InputError (exit 2).
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { InputError } from '../core/errors.js';

/** Tools the lab runs, and the Debian package that installs each. */
export const LAB_TOOLS = [
  { tool: 'ip', pkg: 'iproute2' },
  { tool: 'sshd', pkg: 'openssh-server', path: '/usr/sbin/sshd' },
  { tool: 'ssh-keygen', pkg: 'openssh-client' },
  { tool: 'unshare', pkg: 'util-linux' },
] as const;

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

export async function findTool(tool: string, searchPath = process.env.PATH ?? ''): Promise<string | null> {
  const dirs = [...searchPath.split(delimiter).filter(Boolean), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs) if (await executable(join(dir, tool))) return join(dir, tool);
  return null;
}

export function assertRoot(uid = process.getuid?.()): void {
  if (uid !== 0) {
    throw new InputError('the lab needs root (network namespaces, bridges, mounts): run it as root, e.g. sudo npm run lab:up');
  }
}

export async function assertTools(): Promise<void> {
  const missing: string[] = [];
  for (const t of LAB_TOOLS) {
    const found = 'path' in t ? ((await executable(t.path)) ? t.path : null) : await findTool(t.tool);
    if (!found) missing.push(`${t.tool} is missing: apt-get install ${t.pkg}`);
  }
  if (missing.length > 0) throw new InputError(`the lab cannot run here:\n${missing.map((m) => `  ${m}`).join('\n')}`);
}

export function assertNoConflicts(conflicts: string[]): void {
  if (conflicts.length > 0) {
    throw new InputError(
      `inventory addresses are already routed somewhere other than the lab; refusing to take them over:\n${conflicts.map((c) => `  ${c}`).join('\n')}`,
    );
  }
}

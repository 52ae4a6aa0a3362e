// SSH keys: the provisioner's key pair (made once, where the inventory points) and each lab
// host's own ed25519 host key (made once per host disk, so a restart keeps it).
import { access, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { run } from './exec.js';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export const keygenArgv = (file: string, comment: string): string[] => [
  'ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file,
];

/** Makes `file` (+ `.pub`) unless it exists; returns the public key line. */
export async function ensureKeyPair(file: string, comment: string): Promise<string> {
  if (!(await exists(file))) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await run(keygenArgv(file, comment));
  } else if (!(await exists(`${file}.pub`))) {
    const { stdout } = await run(['ssh-keygen', '-y', '-f', file]);
    await writeFile(`${file}.pub`, stdout.trim() + '\n');
  }
  await chmod(file, 0o600);
  return (await readFile(`${file}.pub`, 'utf8')).trim();
}

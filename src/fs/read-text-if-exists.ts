// A file that may not exist yet (lab state, a partition's checkpoint): its text, or null.
// Any other read error (permissions, a directory) is a real problem and is thrown.
import { readFile } from 'node:fs/promises';

export async function readTextIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

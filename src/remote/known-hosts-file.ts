// Reading known_hosts, and recording a newly accepted host (accept-new) atomically: the new
// content goes to a temp file beside it, then rename — a reader never sees half a line.
// Appends within this process are serialized, so a parallel first connect to many hosts
// records all of them.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseKnownHosts, type ParsedKnownHosts } from './known-hosts.js';

export async function readKnownHosts(file: string): Promise<ParsedKnownHosts> {
  try {
    return parseKnownHosts(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], warnings: [] };
    throw err;
  }
}

const queues = new Map<string, Promise<unknown>>();

/** Append one line to known_hosts (created 0600 if missing), atomically. */
export function appendKnownHost(file: string, line: string): Promise<void> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => rewriteWithLine(file, line));
  queues.set(file, next);
  return next;
}

async function rewriteWithLine(file: string, line: string): Promise<void> {
  let current = '';
  let mode = 0o600;
  try {
    current = await readFile(file, 'utf8');
    mode = (await stat(file)).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (current.length > 0 && !current.endsWith('\n')) current += '\n';
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(`${current}${line}\n`);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  await rename(tmp, file);
}

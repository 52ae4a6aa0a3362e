// Deterministic tarballs: the same folder always gives the same bytes (and sha512), whatever
// the files' mtimes, owners or directory order. GNU tar for the archive, gzip -n (no name, no
// timestamp) for the compression.
import { spawn, type ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { OperationError } from '../core/errors.js';

export function tarCreateArgs(stagingDir: string, topDir: string): string[] {
  return [
    '--create',
    '--file=-',
    '--format=gnu',
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--mode=u+rwX,go+rX,go-w',
    '--directory',
    stagingDir,
    topDir,
  ];
}

export const GZIP_ARGS = ['-n', '-c'] as const;

/** What is wrong with a distribution tarball's entry list (empty = usable). */
export function layoutProblems(entries: string[], name: string): string[] {
  const problems: string[] = [];
  const outside = entries.filter((e) => e !== `${name}/` && !e.startsWith(`${name}/`));
  if (outside.length > 0) problems.push(`entries outside ${name}/: ${outside.slice(0, 3).join(', ')}`);
  const unsafe = entries.filter((e) => e.startsWith('/') || e.split('/').includes('..'));
  if (unsafe.length > 0) problems.push(`unsafe entry paths: ${unsafe.slice(0, 3).join(', ')}`);
  if (!entries.some((e) => new RegExp(`^${escapeRegExp(name)}/libs/[^/]+\\.jar$`).test(e))) {
    problems.push(`no ${name}/libs/*.jar`);
  }
  return problems;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Finished {
  code: number | null;
  stderr: string;
}

function finished(child: ChildProcess): Promise<Finished> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

function check(what: string, r: Finished): void {
  if (r.code !== 0) throw new OperationError(`${what} exited with ${r.code}: ${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
}

/** Writes stagingDir/topDir as a gzipped tarball to outFile. */
export async function createTarball(stagingDir: string, topDir: string, outFile: string): Promise<void> {
  const out = await open(outFile, 'w');
  try {
    const tar = spawn('tar', tarCreateArgs(stagingDir, topDir), { stdio: ['ignore', 'pipe', 'pipe'] });
    const gzip = spawn('gzip', [...GZIP_ARGS], { stdio: ['pipe', out.fd, 'pipe'] });
    // Piped through this process: handing tar's stdout fd to gzip leaves our end open and
    // tar's 'close' never fires.
    const piped = pipeline(tar.stdout!, gzip.stdin!);
    const [tarDone, gzipDone] = await Promise.all([finished(tar), finished(gzip), piped]);
    check(`tar ${tarCreateArgs(stagingDir, topDir).join(' ')}`, tarDone);
    check('gzip -n', gzipDone);
  } finally {
    await out.close();
  }
}

async function runTar(args: string[]): Promise<string> {
  const child = spawn('tar', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const done = await finished(child);
  check(`tar ${args.join(' ')}`, done);
  return stdout;
}

export async function listTarball(file: string): Promise<string[]> {
  return (await runTar(['--list', '--gzip', '--file', file])).split('\n').filter((l) => l.length > 0);
}

export async function extractTarball(file: string, destDir: string): Promise<void> {
  await runTar(['--extract', '--gzip', '--file', file, '--directory', destDir, '--no-same-owner']);
}

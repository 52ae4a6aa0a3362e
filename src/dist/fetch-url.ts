// source=url: download with Node's fetch, hashing while writing, and keep the file only when
// its sha512 is the expected one. A partial or wrong download never takes the tarball's name.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { OperationError } from '../core/errors.js';
import { assertSha512 } from './sha512.js';

export interface DownloadOptions {
  /** whole download, default 15 minutes */
  timeoutMs?: number;
}

export interface Downloaded {
  sha512: string;
  bytes: number;
}

export async function downloadVerified(url: string, expectedSha512: string, dest: string, opts: DownloadOptions = {}): Promise<Downloaded> {
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 15 * 60_000);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new OperationError(`cannot download ${url}: ${cause?.code ?? cause?.message ?? String(err)}`, { cause: err });
  }
  if (!response.ok || !response.body) {
    throw new OperationError(`cannot download ${url}: HTTP ${response.status} ${response.statusText}`.trim());
  }

  const hash = createHash('sha512');
  let bytes = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const part = `${dest}.${process.pid}.part`;
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), hasher, createWriteStream(part));
    const sha512 = hash.digest('hex');
    assertSha512(url, expectedSha512, sha512);
    await rename(part, dest);
    return { sha512, bytes };
  } catch (err) {
    await rm(part, { force: true });
    if (err instanceof OperationError) throw err;
    throw new OperationError(`cannot download ${url}: ${String(err)}`, { cause: err });
  }
}

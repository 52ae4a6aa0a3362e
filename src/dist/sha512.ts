// sha512 of files and streams, lowercase hex: the identity of a distribution tarball.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { OperationError } from '../core/errors.js';

export const SHA512_HEX = /^[0-9a-f]{128}$/;

export function isSha512Hex(value: string): boolean {
  return SHA512_HEX.test(value);
}

export async function sha512OfFile(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha512OfBytes(bytes: Uint8Array | string): string {
  return createHash('sha512').update(bytes).digest('hex');
}

/** Refuses an artifact whose sha512 is not the expected one. */
export function assertSha512(what: string, expected: string, actual: string): void {
  if (expected.toLowerCase() !== actual) {
    throw new OperationError(
      `sha512 mismatch for ${what}:\n  expected ${expected.toLowerCase()}\n  actual   ${actual}\n` +
        'refusing to use it (check cluster.kafka.sha512 in the inventory, or the source)',
    );
  }
}

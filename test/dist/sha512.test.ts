import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../src/core/errors.js';
import { assertSha512, isSha512Hex, sha512OfBytes, sha512OfFile } from '../../src/dist/sha512.js';

// FIPS 180-2 test vector
const ABC = 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f';

describe('sha512', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('hashes bytes and files to lowercase hex', async () => {
    expect(sha512OfBytes('abc')).toBe(ABC);
    const dir = await mkdtemp(join(tmpdir(), 'sha512-'));
    dirs.push(dir);
    await writeFile(join(dir, 'f'), 'abc');
    expect(await sha512OfFile(join(dir, 'f'))).toBe(ABC);
  });

  it('recognises 128 lowercase hex digits only', () => {
    expect(isSha512Hex(ABC)).toBe(true);
    expect(isSha512Hex(ABC.toUpperCase())).toBe(false);
    expect(isSha512Hex(ABC.slice(1))).toBe(false);
  });

  it('accepts the expected digest in any case and refuses another one with exit code 1', () => {
    expect(() => assertSha512('x.tgz', ABC.toUpperCase(), ABC)).not.toThrow();
    const other = sha512OfBytes('abd');
    let err: unknown;
    try {
      assertSha512('http://127.0.0.1/x.tgz', other, ABC);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OperationError);
    expect((err as OperationError).exitCode).toBe(1);
    expect((err as Error).message).toContain('sha512 mismatch for http://127.0.0.1/x.tgz');
    expect((err as Error).message).toContain(`expected ${other}`);
    expect((err as Error).message).toContain(`actual   ${ABC}`);
  });
});

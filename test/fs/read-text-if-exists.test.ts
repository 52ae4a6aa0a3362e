import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextIfExists } from '../../src/fs/read-text-if-exists.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readTextIfExists', () => {
  it('reads a file, says null for a missing one, and throws on anything else', async () => {
    writeFileSync(join(dir, 'a'), 'text');
    expect(await readTextIfExists(join(dir, 'a'))).toBe('text');
    expect(await readTextIfExists(join(dir, 'missing'))).toBeNull();
    await expect(readTextIfExists(dir)).rejects.toThrow(/EISDIR/);
  });
});

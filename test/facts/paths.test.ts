import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePaths, pathsCommand } from '../../src/facts/paths.js';
import { runLocal } from './local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('path facts', () => {
  it('reads type, mode, owner and sha256 of files, folders, links and missing paths', () => {
    const file = join(dir, 'a file.txt');
    writeFileSync(file, 'hello\n');
    chmodSync(file, 0o640);
    const sub = join(dir, 'sub');
    mkdirSync(sub, { mode: 0o750 });
    chmodSync(sub, 0o750);
    const link = join(dir, 'link');
    symlinkSync(file, link);
    const missing = join(dir, 'missing');
    const paths = [file, sub, link, missing];

    const { stdout, code } = runLocal(pathsCommand(paths));
    expect(code).toBe(0);
    const facts = parsePaths(stdout, paths);

    expect(facts.get(file)).toEqual({
      path: file, type: 'file', mode: 0o640, owner: 'root', group: 'root',
      sha256: createHash('sha256').update('hello\n').digest('hex'),
    });
    expect(facts.get(sub)).toMatchObject({ type: 'dir', mode: 0o750, sha256: null });
    expect(facts.get(link)).toMatchObject({ type: 'link', sha256: null });
    expect(facts.get(missing)).toEqual({ path: missing, type: 'missing', mode: null, owner: null, group: null, sha256: null });
  });

  it('refuses an answer that does not match the paths asked for', () => {
    expect(() => parsePaths('- - - - - /other\n', ['/etc/x'])).toThrow(/unreadable line for \/etc\/x/);
    expect(() => parsePaths('', ['/etc/x'])).toThrow(/expected 1 lines, got 0/);
  });

  it('needs no command for no paths', () => {
    expect(pathsCommand([])).toBe('true');
  });
});

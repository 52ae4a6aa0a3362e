import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readMarkerCommand, sharedProblem, writeMarkerCommand } from '../../src/ops/shared-dir.js';
import { runLocal } from '../facts/local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const token = '0123456789abcdef0123456789abcdef';

describe('a shared folder check', () => {
  it('reads back what was written, on the same storage', () => {
    expect(runLocal(readMarkerCommand(dir)).stdout).toBe('-\n');
    expect(runLocal(writeMarkerCommand(dir, token, userInfo().username)).code).toBe(0);
    expect(sharedProblem(dir, runLocal(readMarkerCommand(dir)).stdout, token, 'node01')).toBeNull();
  });

  it('names a folder that is only local, or holds an older check', () => {
    expect(sharedProblem('/srv/x', '-\n', token, 'node01')).toMatch(/^\/srv\/x is not shared storage: the file node01 wrote there is missing here/);
    expect(sharedProblem('/srv/x', 'ffff\n', token, 'node01')).toMatch(/holds another check file than the one node01 wrote/);
  });

  it('never writes anything but a hex token', () => {
    expect(() => writeMarkerCommand(dir, "x'; rm -rf /", 'kafka')).toThrow(/not a token/);
  });
});

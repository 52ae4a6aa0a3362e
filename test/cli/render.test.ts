// The render command end to end as a user runs it: exit codes, located errors, files on disk.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { editInventory, lineOfSnippet } from '../support/inventory-text.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'kcp-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function render(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/render.ts'), ...args], { cwd: work });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run render', () => {
  it('writes DIR/<host>/<remote path> for every file, and --json lists them', async () => {
    const out = join(work, 'out');
    const { code, stdout } = await render('--inventory', join(root, 'inventory.yaml'), '--out', out, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.hosts.map((h: { host: string }) => h.host)).toEqual(['node01', 'node02', 'node03']);
    expect(readFileSync(join(out, 'node02/var/lib/zookeeper/myid'), 'utf8')).toBe('2\n');
    expect(readFileSync(join(out, 'node03/etc/kafka/server.properties'), 'utf8')).toContain('broker.id=2\n');
  });

  it('bad inventory: exit 2, file:line and field on stderr, nothing written', async () => {
    const bad = join(work, 'bad.yaml');
    const text = editInventory(['broker_id: 2', 'broker_id: 0']);
    writeFileSync(bad, text);
    const line = lineOfSnippet(text, 'broker_id: 0\n    broker_config: {}\n');
    const out = join(work, 'never');
    const { code, stdout, stderr } = await render('--inventory', bad, '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`bad.yaml:${line}: hosts[2].broker_id: duplicate broker id 0`);
    expect(existsSync(out)).toBe(false);
  });

  it('unknown flag: exit 2 with usage', async () => {
    const { code, stderr } = await render('--outt', 'x');
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown option '--outt'/);
    expect(stderr).toMatch(/usage: npm run render/);
  });
});

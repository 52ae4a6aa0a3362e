import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/popularity/bootstrap.js';

const kraftText = readFileSync(join(import.meta.dirname, '..', '..', 'inventory.kraft.yaml'), 'utf8');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bootstrap-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const inventory = async (secure: boolean) => {
  const file = join(dir, 'inventory.yaml');
  await writeFile(file, secure ? kraftText : kraftText.replace(/^  security: secure .*$/m, '  security: none'));
  return file;
};
const exit2 = (message: RegExp) => expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) });

describe('resolveConnection', () => {
  it('--bootstrap alone: those servers in PLAINTEXT, no inventory read', async () => {
    expect(await resolveConnection({ bootstrap: 'a:1,b:2', inventory: join(dir, 'missing.yaml') })).toEqual({ brokers: ['a:1', 'b:2'], security: null });
  });

  it('a secured cluster needs --user: the tool never borrows the admin for an application', async () => {
    await expect(resolveConnection({ inventory: await inventory(true) })).rejects.toThrow(exit2(/cluster popularity-kraft is secured: give --user NAME/));
  });

  it('--user on a plain cluster, or a user this machine has no password for, is bad input', async () => {
    await expect(resolveConnection({ inventory: await inventory(false), user: 'alice' })).rejects.toThrow(exit2(/--user alice: cluster popularity-kraft is not secured/));
  });

  it('says what security: none leaves open, as every command does', async () => {
    const warned: string[] = [];
    await resolveConnection({ bootstrap: 'a:1', inventory: await inventory(false) }, (l) => warned.push(l));
    expect(warned).toEqual([]); // --bootstrap alone reads no inventory
    // the plain inventory names brokers on lab addresses, which no lab serves here: the warning comes first
    await resolveConnection({ inventory: await inventory(false) }, (l) => warned.push(l)).catch(() => undefined);
    expect(warned).toEqual([expect.stringMatching(/^warning: .*inventory\.yaml:\d+: cluster\.security: security: none: every listener is PLAINTEXT/)]);
  });
});

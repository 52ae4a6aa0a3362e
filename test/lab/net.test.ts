import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { killAndWait, linkInfo, linksWithPrefix, namespacesWithPrefix, processesInNamespaces } from '../../src/lab/net.js';
import { isAlive } from '../../src/lab/procs.js';

describe('lab network facts', () => {
  it('reads a link from /sys/class/net', async () => {
    expect(await linkInfo('lo')).toEqual({ name: 'lo', up: true, master: null });
    expect(await linkInfo('kcp-no-such-link')).toBeNull();
    expect(await linksWithPrefix('lo')).toContain('lo');
  });

  it('finds nothing for a lab that does not exist', async () => {
    expect(await namespacesWithPrefix('kcp-no-such-lab-000000-')).toEqual([]);
    expect(await processesInNamespaces(['kcp-no-such-lab-000000-node01'])).toEqual([]);
  });

  it('kills the processes it is given and waits until they are gone', async () => {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    const pid = child.pid!;
    expect(await isAlive(pid)).toBe(true);
    await killAndWait([pid], 'test');
    expect(await isAlive(pid)).toBe(false);
  });
});

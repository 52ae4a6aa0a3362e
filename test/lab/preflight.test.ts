import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { LAB_TOOLS, assertNoConflicts, assertRoot, findTool } from '../../src/lab/preflight.js';

describe('lab preflight', () => {
  it('refuses anyone but root with exit code 2', () => {
    expect(() => assertRoot(1000)).toThrow(InputError);
    expect(() => assertRoot(1000)).toThrow(/needs root/);
    expect(() => assertRoot(0)).not.toThrow();
  });

  it('names the package of each tool', () => {
    expect(Object.fromEntries(LAB_TOOLS.map((t) => [t.tool, t.pkg]))).toEqual({
      ip: 'iproute2',
      sshd: 'openssh-server',
      'ssh-keygen': 'openssh-client',
      unshare: 'util-linux',
    });
  });

  it('finds tools on PATH and the sbin folders', async () => {
    expect(await findTool('sh', '')).toMatch(/\/sh$/);
    expect(await findTool('no-such-tool-kcp', '/nonexistent')).toBeNull();
  });

  it('refuses addresses routed elsewhere, listing each conflict', () => {
    expect(() => assertNoConflicts([])).not.toThrow();
    const err = (() => {
      try {
        assertNoConflicts(['route 192.168.56.0/24 dev vboxnet0 overlaps the lab subnet 192.168.56.0/24']);
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(err?.exitCode).toBe(2);
    expect(err?.message).toMatch(/already routed somewhere other than the lab[\s\S]*vboxnet0/);
  });
});

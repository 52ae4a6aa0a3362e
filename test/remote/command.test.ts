import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lastLines, remoteCommand, shortenCommand, strictBash } from '../../src/remote/command.js';
import { sh } from '../../src/core/shell.js';

// The command line is what sshd hands to the login shell: run it the same way, with sh -c.
function runAsLoginShell(commandLine: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', commandLine], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('strictBash / remoteCommand', () => {
  it('wraps a script in bash strict mode, as an exact string', () => {
    expect(strictBash('echo hi')).toBe("bash -c 'set -euo pipefail; echo hi'");
    expect(strictBash("echo 'x'")).toBe("bash -c 'set -euo pipefail; echo '\\''x'\\'''");
  });

  it('root runs bash directly; any other user goes through sudo -n', () => {
    expect(remoteCommand('id -u', 'root')).toBe("bash -c 'set -euo pipefail; id -u'");
    expect(remoteCommand('id -u', 'deploy')).toBe("sudo -n -- bash -c 'set -euo pipefail; id -u'");
  });

  it('strict mode really applies: a failing step, an unset variable and a failing pipe stop the script', () => {
    expect(runAsLoginShell(remoteCommand('false; echo after', 'root'))).toMatchObject({ status: 1, stdout: '' });
    expect(runAsLoginShell(remoteCommand('echo "$UNSET_VAR_X"; echo after', 'root')).status).not.toBe(0);
    expect(runAsLoginShell(remoteCommand('false | cat; echo after', 'root'))).toMatchObject({ status: 1, stdout: '' });
    expect(runAsLoginShell(remoteCommand('exit 7', 'root')).status).toBe(7);
  });

  it('values quoted with sh`` survive the extra bash -c layer', () => {
    const nasty = `it's "$HOME" \`id\` *\nnew line ✓`;
    const r = runAsLoginShell(remoteCommand(sh`printf %s ${nasty}`, 'root'));
    expect(r.stdout).toBe(nasty);
  });

  it('a multi-line script works inside the wrapper', () => {
    const script = ['x=1', 'if [ "$x" = 1 ]; then', '  echo one', 'fi'].join('\n');
    expect(execFileSync('sh', ['-c', remoteCommand(script, 'root')], { encoding: 'utf8' })).toBe('one\n');
  });
});

describe('shortenCommand / lastLines', () => {
  it('keeps short one-liners, cuts long or multi-line commands', () => {
    expect(shortenCommand('echo hi')).toBe('echo hi');
    expect(shortenCommand('line1\nline2')).toBe('line1 …');
    const long = 'x'.repeat(500);
    expect(shortenCommand(long, 20)).toBe(`${'x'.repeat(19)}…`);
  });

  it('returns the last non-empty stderr lines', () => {
    expect(lastLines('a\n\nb\nc\n\n', 2)).toEqual(['b', 'c']);
    expect(lastLines('')).toEqual([]);
  });
});

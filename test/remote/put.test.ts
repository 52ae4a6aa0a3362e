import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { remoteCommand } from '../../src/remote/command.js';
import { hashScript, modeString, parseHashes, putScript } from '../../src/remote/put.js';
import { quote } from '../../src/core/shell.js';
import { itIf, missingRoot } from '../support/requirements.js';

const sha256 = (b: string | Buffer): string => createHash('sha256').update(b).digest('hex');
const sha512 = (b: string | Buffer): string => createHash('sha512').update(b).digest('hex');

// Runs a script the way a Session does (strict bash as root), locally.
function run(script: string, stdin?: string | Buffer): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', remoteCommand(script, 'root')], { input: stdin ?? '', encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kcp-put-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('putScript (exact text)', () => {
  it('receives into a temp file beside the target, checks the hash, sets owner/mode, then renames', () => {
    const digest = sha256('x');
    expect(putScript('/etc/kafka/server.properties', digest, { owner: 'kafka', group: 'kafka', mode: 0o640 })).toBe(
      [
        'target=/etc/kafka/server.properties',
        'mkdir -p -- /etc/kafka',
        'tmp=$(mktemp -- /etc/kafka/.server.properties.kcp.XXXXXX)',
        `trap 'rm -f -- "$tmp"' EXIT`,
        'cat > "$tmp"',
        `got=$(sha256sum < "$tmp" | cut -d' ' -f1)`,
        `if [ "$got" != ${digest} ]; then echo "upload of $target corrupted: sha256 $got, expected ${digest}" >&2; exit 1; fi`,
        'if mountpoint -q -- "$target"; then',
        '  chown -- kafka:kafka "$target"',
        '  chmod -- 0640 "$target"',
        '  cat -- "$tmp" > "$target"',
        'else',
        '  if [ -e "$target" ]; then :; else :; fi',
        '  chown -- kafka:kafka "$tmp"',
        '  chmod -- 0640 "$tmp"',
        '  mv -f -- "$tmp" "$target"',
        'fi',
      ].join('\n'),
    );
  });

  it('without attributes keeps the existing owner/mode, or uses 0644 for a new file', () => {
    const s = putScript('/etc/hosts', sha256(''));
    expect(s).toContain(
      '  if [ -e "$target" ]; then chown --reference="$target" -- "$tmp"; chmod --reference="$target" -- "$tmp"; else chmod 0644 -- "$tmp"; fi',
    );
    expect(s).not.toMatch(/^\s*chown -- /m);
  });

  it('quotes awkward paths', () => {
    const s = putScript("/srv/it's here/f $x", sha256(''));
    expect(s.split('\n')[0]).toBe(`target=${quote("/srv/it's here/f $x")}`);
  });

  it('refuses relative paths, directories and malformed digests', () => {
    expect(() => putScript('etc/hosts', sha256(''))).toThrow(/absolute/);
    expect(() => putScript('/etc/', sha256(''))).toThrow(/absolute/);
    expect(() => putScript('/etc/hosts', 'abc')).toThrow(/sha256/);
  });

  it('formats modes as octal strings', () => {
    expect(modeString(0o640)).toBe('0640');
    expect(modeString(0o4755)).toBe('04755');
    expect(modeString(0o7)).toBe('0007');
    expect(modeString('u=rw,go=r')).toBe('u=rw,go=r');
    expect(() => modeString(0o10000)).toThrow(/invalid/);
  });
});

describe('putScript (run by local bash)', () => {
  it('creates a new file (and its folder) with 0644, leaving no temp file', () => {
    const target = join(dir, 'sub dir', "new 'file'");
    const content = 'line 1\nünïcødé $HOME `id`\n';
    const r = run(putScript(target, sha256(content)), content);
    expect(r.status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(content);
    expect(statSync(target).mode & 0o7777).toBe(0o644);
    expect(readdirSync(join(dir, 'sub dir'))).toEqual(["new 'file'"]);
  });

  it('replaces an existing file by rename (new inode) and keeps its mode when none is given', () => {
    const target = join(dir, 'f');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    const before = statSync(target).ino;
    expect(run(putScript(target, sha256('new')), 'new').status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o7777).toBe(0o600);
    expect(statSync(target).ino).not.toBe(before);
  });

  it('carries binary content intact', () => {
    const target = join(dir, 'bin');
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const r = spawnSync('sh', ['-c', remoteCommand(putScript(target, sha256(bytes)), 'root')], { input: bytes });
    expect(r.status).toBe(0);
    expect(readFileSync(target).equals(bytes)).toBe(true);
  });

  itIf(missingRoot('chown'), 'sets owner, group and mode', () => {
    const target = join(dir, 'owned');
    expect(run(putScript(target, sha256('x'), { owner: 'nobody', group: 'nogroup', mode: 0o640 }), 'x').status).toBe(0);
    const st = statSync(target);
    expect(st.mode & 0o7777).toBe(0o640);
    expect(st.uid).toBe(Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim()));
    expect(st.gid).toBe(Number(spawnSync('getent', ['group', 'nogroup'], { encoding: 'utf8' }).stdout.split(':')[2]));
  });

  itIf(missingRoot('chown'), 'keeps the owner of an existing file when none is given', () => {
    const target = join(dir, 'kept');
    writeFileSync(target, 'old');
    chownSync(target, 65534, 65534);
    expect(run(putScript(target, sha256('new')), 'new').status).toBe(0);
    expect(statSync(target).uid).toBe(65534);
  });

  it('refuses content whose hash does not match and leaves the target and folder untouched', () => {
    const target = join(dir, 'f');
    writeFileSync(target, 'old');
    const r = run(putScript(target, sha256('what we meant')), 'what arrived');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('corrupted');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['f']);
  });

  itIf(missingRoot('mount namespaces'), 'writes in place over a bind-mounted file (a mount point cannot be renamed over)', () => {
    // a private mount namespace: the bind mount exists only for this one bash
    const source = join(dir, 'hosts.source');
    const target = join(dir, 'hosts');
    writeFileSync(source, 'old\n');
    writeFileSync(target, 'underneath\n');
    const script = putScript(target, sha256('new\n'), { mode: 0o644 });
    const inner = `mount --bind ${quote(source)} ${quote(target)}; ${remoteCommand(script, 'root')}; mountpoint -q ${quote(target)} && cat ${quote(target)}`;
    const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', inner], { input: 'new\n', encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('new\n');
    expect(readFileSync(source, 'utf8')).toBe('new\n'); // written through the mount
    expect(readFileSync(target, 'utf8')).toBe('underneath\n'); // the file under the mount was not replaced
    expect(readdirSync(dir).sort()).toEqual(['hosts', 'hosts.source']);
  });
});

describe('hashScript / parseHashes', () => {
  it('builds one loop over quoted paths', () => {
    expect(hashScript(['/a', '/b c'], 'sha512')).toBe(
      ["for f in /a '/b c'; do", `  if [ -f "$f" ]; then sha512sum < "$f" | cut -d' ' -f1; else echo -; fi`, 'done'].join('\n'),
    );
    expect(hashScript([])).toBe('true');
    expect(() => hashScript(['relative'])).toThrow(/absolute/);
  });

  it.each([['sha256' as const, sha256], ['sha512' as const, sha512]])('%s: digests of present files, null for missing ones and folders', (algo, h) => {
    const a = join(dir, 'a file');
    const b = join(dir, 'b\nnewline');
    writeFileSync(a, 'alpha');
    writeFileSync(b, 'beta');
    mkdirSync(join(dir, 'folder'));
    const paths = [a, join(dir, 'missing'), b, join(dir, 'folder')];
    const r = run(hashScript(paths, algo));
    expect(r.status).toBe(0);
    expect([...parseHashes(r.stdout, paths, algo)]).toEqual([
      [a, h('alpha')],
      [join(dir, 'missing'), null],
      [b, h('beta')],
      [join(dir, 'folder'), null],
    ]);
  });

  it('rejects output that does not fit the request', () => {
    expect(() => parseHashes('-\n', ['/a', '/b'])).toThrow(/expected 2/);
    expect(() => parseHashes('xyz\n', ['/a'])).toThrow(/not a sha256/);
    expect(() => parseHashes(`${sha256('')}\n`, ['/a'], 'sha512')).toThrow(/not a sha512/);
  });
});

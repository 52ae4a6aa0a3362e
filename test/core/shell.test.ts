import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { argv, quote, raw, sh } from '../../src/core/shell.js';

// Prints each argument NUL-terminated, so the test sees exactly the words bash received.
function wordsAfterBash(commandLine: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${commandLine}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const NASTY = [
  '',
  ' ',
  'plain',
  "it's",
  "''",
  '"double"',
  '$HOME ${PATH} $(id) `id`',
  'a\nb\n',
  '*',
  '/etc/*.conf ? [a-z]',
  'tab\there',
  'back\\slash\\',
  '; rm -rf / #',
  '--option=value',
  '-n',
  '~',
  '!!',
  'ünïcødé ✓ 日本語',
  "mixed 'single' and \"double\" $x `y` \\",
];

describe('quote', () => {
  it('leaves safe words alone and single-quotes the rest', () => {
    expect(quote('abc/DEF_1.2-x:y,z@w%=+')).toBe('abc/DEF_1.2-x:y,z@w%=+');
    expect(quote('')).toBe("''");
    expect(quote('a b')).toBe("'a b'");
    expect(quote('$x')).toBe("'$x'");
    expect(quote("it's")).toBe("'it'\\''s'");
    expect(quote(42)).toBe('42');
  });

  it('refuses NUL, which no shell argument can carry', () => {
    expect(() => quote('a\0b')).toThrow(/NUL/);
  });

  it.each(NASTY.map((s) => [JSON.stringify(s), s]))('round-trips %s through real bash', (_label, s) => {
    expect(wordsAfterBash(quote(s))).toEqual([s]);
  });

  it('argv keeps every word intact through bash', () => {
    expect(wordsAfterBash(argv(NASTY))).toEqual(NASTY);
  });

  it('argv builds the exact expected string', () => {
    expect(argv(['chown', 'kafka:kafka', '/var/lib/my dir', "o'k"])).toBe("chown kafka:kafka '/var/lib/my dir' 'o'\\''k'");
  });
});

describe('sh tagged template', () => {
  it('quotes interpolated values, arrays become several words, raw() stays raw', () => {
    const file = '/tmp/a b';
    expect(sh`cat -- ${file} | wc -l`).toBe("cat -- '/tmp/a b' | wc -l");
    expect(sh`rm -f -- ${['x y', 'z']}`).toBe("rm -f -- 'x y' z");
    expect(sh`test -e ${raw('"$tmp"')}`).toBe('test -e "$tmp"');
    expect(sh`chmod ${640} f`).toBe('chmod 640 f');
  });

  it('a command built with sh`` passes nasty values to bash verbatim', () => {
    const cmd = sh`printf '%s\\0' ${NASTY}`;
    const out = execFileSync('bash', ['-c', cmd], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual(NASTY);
  });
});

// POSIX shell quoting. Every value that reaches a remote shell goes through quote(), so a
// file name or config value can never become shell syntax on the host.

/** A fragment that is already shell syntax (built by sh`` or a trusted builder). */
export class ShellFragment {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Marks trusted, already-quoted shell text for interpolation into sh``. */
export function raw(text: string): ShellFragment {
  return new ShellFragment(text);
}

// Words made only of these characters need no quotes; keeps commands readable in logs.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument as a single shell word: single quotes, with ' written as '\''. */
export function quote(arg: string | number): string {
  const s = String(arg);
  if (s.includes('\0')) throw new Error('a shell argument cannot contain a NUL byte');
  if (SAFE_WORD.test(s)) return s;
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** argv -> one command line whose words are exactly argv. */
export function argv(args: readonly (string | number)[]): string {
  return args.map(quote).join(' ');
}

type ShValue = string | number | ShellFragment | readonly (string | number)[];

/**
 * Tagged template: literal parts are shell syntax, interpolated values are quoted
 * (arrays become several words, ShellFragment is inserted as is).
 *   sh`install -m ${mode} -- ${src} ${dst}`
 */
export function sh(parts: TemplateStringsArray, ...values: ShValue[]): string {
  let out = parts[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (parts[i + 1] ?? '');
  });
  return out;
}

function render(value: ShValue): string {
  if (value instanceof ShellFragment) return value.text;
  if (Array.isArray(value)) return argv(value);
  return quote(value as string | number);
}

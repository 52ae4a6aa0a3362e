// A secret (a password, a private key) is a value that no logger can print: String(), JSON,
// util.inspect and template literals all give "***". Only reveal() hands out the text, at the one
// place that writes it where it belongs (a 0600 file, a TLS option, a process's stdin).
import { randomInt } from 'node:crypto';
import { inspect } from 'node:util';

const HIDDEN = '***';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    if (value.length === 0) throw new Error('a secret cannot be empty');
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return HIDDEN;
  }

  toJSON(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return `Secret(${HIDDEN})`;
  }
}

// Letters, digits, "_" and "-": nothing that Kafka's SCRAM parsers (",", "[", "]"), JAAS quoting,
// Java properties or a shell would read as syntax.
const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A random password of `length` characters (6 bits each; 32 characters: 192 bits), unbiased. */
export function generatePassword(length = 32): Secret {
  if (!Number.isInteger(length) || length < 16) throw new Error(`a password needs at least 16 characters, got ${length}`);
  let text = '';
  for (let i = 0; i < length; i++) text += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return new Secret(text);
}

/** `text` with every given secret's value replaced by "***" (for stderr of tools that echo input). */
export function redact(text: string, secrets: readonly Secret[]): string {
  let out = text;
  for (const s of secrets) out = out.replaceAll(s.reveal(), HIDDEN);
  return out;
}

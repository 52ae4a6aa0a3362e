// OpenSSH known_hosts: parse, and decide whether a presented host key is the pinned one.
// Supports comma lists, [host]:port, wildcards and !negation, hashed |1|salt|hash entries
// (HMAC-SHA1) and the @revoked marker; @cert-authority lines are not pins (no certificates here).
import { createHmac } from 'node:crypto';
import { fingerprintSha256 } from './host-key.js';

export type HostMatcher =
  | { kind: 'hashed'; salt: Buffer; hash: Buffer }
  | { kind: 'patterns'; patterns: string[] };

export interface KnownHostEntry {
  /** 1-based line number in the file */
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  hosts: HostMatcher;
  keyType: string;
  key: Buffer;
}

export interface ParsedKnownHosts {
  entries: KnownHostEntry[];
  /** lines that could not be parsed (OpenSSH skips them too), e.g. "line 3: no key" */
  warnings: string[];
}

export function parseKnownHosts(text: string): ParsedKnownHosts {
  const entries: KnownHostEntry[] = [];
  const warnings: string[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else return void warnings.push(`line ${i + 1}: unknown marker ${m}`);
    }
    const [hostField, keyType, keyB64] = fields;
    if (!hostField || !keyType || !keyB64) return void warnings.push(`line ${i + 1}: expected "hosts keytype key"`);
    const hosts = parseHostField(hostField);
    if (!hosts) return void warnings.push(`line ${i + 1}: malformed hashed host`);
    const key = Buffer.from(keyB64, 'base64');
    if (key.length === 0 || key.toString('base64').replace(/=+$/, '') !== keyB64.replace(/=+$/, '')) {
      return void warnings.push(`line ${i + 1}: key is not valid base64`);
    }
    entries.push({ line: i + 1, marker, hosts, keyType, key });
  });
  return { entries, warnings };
}

function parseHostField(field: string): HostMatcher | null {
  if (!field.startsWith('|')) return { kind: 'patterns', patterns: field.split(',').filter(Boolean) };
  const m = /^\|1\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(field);
  if (!m) return null;
  const salt = Buffer.from(m[1]!, 'base64');
  const hash = Buffer.from(m[2]!, 'base64');
  return salt.length === 20 && hash.length === 20 ? { kind: 'hashed', salt, hash } : null;
}

/** The name OpenSSH looks up: "host" on port 22, "[host]:port" otherwise. */
export function lookupName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** A hashed known_hosts host field for `name` (as written with HashKnownHosts yes). */
export function hashHostName(name: string, salt: Buffer): string {
  const hash = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${hash}`;
}

export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  const lower = name.toLowerCase();
  if (entry.hosts.kind === 'hashed') {
    return createHmac('sha1', entry.hosts.salt).update(lower).digest().equals(entry.hosts.hash);
  }
  let positive = false;
  for (const pattern of entry.hosts.patterns) {
    const negated = pattern.startsWith('!');
    if (!globMatch(negated ? pattern.slice(1) : pattern, lower)) continue;
    if (negated) return false; // a matching negation excludes the host from this line
    positive = true;
  }
  return positive;
}

function globMatch(pattern: string, text: string): boolean {
  const re = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${re}$`).test(text);
}

export type HostKeyVerdict =
  | { kind: 'match'; entry: KnownHostEntry }
  | { kind: 'unknown' }
  | { kind: 'changed'; expected: KnownHostEntry[] }
  | { kind: 'revoked'; entry: KnownHostEntry };

/**
 * Decide about `presented` for a host known under any of `names` (lookup names, see
 * lookupName). Revoked beats everything; a host with pins but none equal is "changed".
 */
export function verifyHostKey(entries: KnownHostEntry[], names: string[], presented: Buffer): HostKeyVerdict {
  const forHost = entries.filter((e) => names.some((n) => entryMatches(e, n)));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(presented));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const pins = forHost.filter((e) => e.marker === null);
  if (pins.length === 0) return { kind: 'unknown' };
  const match = pins.find((e) => e.key.equals(presented));
  return match ? { kind: 'match', entry: match } : { kind: 'changed', expected: pins };
}

/** Key types pinned for the host, so the client asks the server for exactly those. */
export function pinnedKeyTypes(entries: KnownHostEntry[], names: string[]): string[] {
  const types = entries
    .filter((e) => e.marker === null && names.some((n) => entryMatches(e, n)))
    .map((e) => e.keyType);
  return [...new Set(types)];
}

/** The line to record for a newly accepted host (plain, not hashed). */
export function knownHostsLine(names: string[], keyType: string, key: Buffer): string {
  return `${[...new Set(names)].join(',')} ${keyType} ${key.toString('base64')}`;
}

export function describeEntry(file: string, entry: KnownHostEntry): string {
  return `${fingerprintSha256(entry.key)} (${entry.keyType}, ${file}:${entry.line})`;
}

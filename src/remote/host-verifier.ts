// The host key policy as an ssh2 `hostVerifier`: pinned key -> accept; changed or revoked ->
// refuse; unknown -> refuse, or with accept-new record it first (OpenSSH StrictHostKeyChecking
// accept-new). The refusal is kept so the caller can throw it instead of ssh2's bare
// "Host denied (verification failed)".
import { HostKeyError } from './errors.js';
import { fingerprintSha256, keyTypeOf } from './host-key.js';
import { appendKnownHost } from './known-hosts-file.js';
import { describeEntry, knownHostsLine, verifyHostKey, type KnownHostEntry } from './known-hosts.js';

export interface HostKeyPolicy {
  /** host name for errors */
  host: string;
  /** "node01 (192.168.56.11:22)" */
  where: string;
  /** lookup names (see lookupName), name first */
  names: string[];
  entries: KnownHostEntry[];
  knownHostsFile: string;
  acceptNew: boolean;
  log?: (message: string) => void;
}

export interface HostVerifier {
  /** ssh2 `hostVerifier` (hostHash unset: receives the raw key blob) */
  verify: (key: Buffer, done: (ok: boolean) => void) => void;
  /** why the key was refused, once it was */
  refusal: () => HostKeyError | undefined;
}

export function hostVerifier(policy: HostKeyPolicy): HostVerifier {
  let refusal: HostKeyError | undefined;
  const { host, where, knownHostsFile: file } = policy;
  const refuse = (message: string, done: (ok: boolean) => void): void => {
    refusal = new HostKeyError(host, `${where}: ${message}`);
    done(false);
  };

  const verify = (key: Buffer, done: (ok: boolean) => void): void => {
    const verdict = verifyHostKey(policy.entries, policy.names, key);
    const type = safeKeyType(key);
    const presented = `${fingerprintSha256(key)} (${type})`;
    switch (verdict.kind) {
      case 'match':
        return done(true);
      case 'revoked':
        return refuse(`host key ${presented} is marked @revoked in ${file}:${verdict.entry.line}; refusing to connect`, done);
      case 'changed': {
        const expected = verdict.expected.map((e) => describeEntry(file, e)).join(', ');
        return refuse(
          `HOST KEY CHANGED — known_hosts has ${expected}, the host presented ${presented}. Refusing to connect: ` +
            `someone could be intercepting, or the host was re-installed (then remove the old line from ${file})`,
          done,
        );
      }
      case 'unknown':
        if (!policy.acceptNew) {
          return refuse(`host key ${presented} is not in ${file}; refusing to connect (pass --accept-new-host-keys to record it)`, done);
        }
        appendKnownHost(file, knownHostsLine(policy.names, type, key)).then(
          () => {
            policy.log?.(`${where}: recorded new host key ${presented} in ${file}`);
            done(true);
          },
          (err: Error) => refuse(`could not record the new host key in ${file}: ${err.message}`, done),
        );
    }
  };
  return { verify, refusal: () => refusal };
}

function safeKeyType(key: Buffer): string {
  try {
    return keyTypeOf(key);
  } catch {
    return 'unknown key type';
  }
}

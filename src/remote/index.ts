// The SSH layer's public API.
export { connect, connectHost, Sessions, type ConnectOptions } from './connect.js';
export { hostVerifier, type HostKeyPolicy } from './host-verifier.js';
export { Session, sha256OfFile, type ExecOptions, type SessionInfo } from './session.js';
export { ConnectError, HostKeyError, RemoteCommandError, type ExecResult } from './errors.js';
export { quote, argv, sh, raw, ShellFragment } from './quote.js';
export { remoteCommand, strictBash, shortenCommand, lastLines } from './command.js';
export { putScript, hashScript, parseHashes, modeString, type FileAttrs, type HashAlgo } from './put.js';
export { forEachHost, mapHosts, valuesOrThrow, FanOutError, type HostOutcome } from './fanout.js';
export { poll, PollTimeoutError, type PollOptions } from './poll.js';
export { retry, expBackoff, type RetryOptions } from './retry.js';
export { fingerprintSha256, keyTypeOf } from './host-key.js';
export { parseKnownHosts, verifyHostKey, lookupName, hashHostName, type KnownHostEntry, type HostKeyVerdict } from './known-hosts.js';
export { readKnownHosts, appendKnownHost } from './known-hosts-file.js';

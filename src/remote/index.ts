// The SSH layer's public API. Shell quoting, polling and retries are in src/core: the pure
// command builders and the gates use them without the SSH layer.
export { connect, connectHost, Sessions, type ConnectOptions } from './connect.js';
export { hostVerifier, type HostKeyPolicy } from './host-verifier.js';
export { Session, sha256OfFile, type ExecOptions, type SessionInfo } from './session.js';
export { ConnectError, HostKeyError, RemoteCommandError, type ExecResult } from './errors.js';
export { remoteCommand, strictBash, shortenCommand, lastLines } from './command.js';
export { putScript, hashScript, parseHashes, modeString, type FileAttrs, type HashAlgo } from './put.js';
export { forEachHost, mapHosts, valuesOrThrow, FanOutError, type HostOutcome } from './fanout.js';
export { fingerprintSha256, keyTypeOf } from './host-key.js';
export { parseKnownHosts, verifyHostKey, lookupName, hashHostName, type KnownHostEntry, type HostKeyVerdict } from './known-hosts.js';
export { readKnownHosts, appendKnownHost } from './known-hosts-file.js';

// Host key blobs as the server sends them (SSH wire format): their type and their OpenSSH
// fingerprint, so messages read exactly like `ssh-keygen -lf` / `ssh` output.
import { createHash } from 'node:crypto';

/** `SHA256:<base64 without padding>` of the raw key blob, as OpenSSH prints it. */
export function fingerprintSha256(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside the blob ("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"...). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) throw new Error('host key blob too short');
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) throw new Error('host key blob malformed');
  return blob.subarray(4, 4 + len).toString('latin1');
}

/**
 * Host key algorithms that make the server present a key of this type. An RSA key is signed
 * with rsa-sha2-* nowadays, the key type stays "ssh-rsa".
 */
export function hostKeyAlgorithmsFor(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [keyType];
}

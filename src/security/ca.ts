// The cluster's certificate authority and its processes' keys and certificates, kept on the
// machine that runs the tool: <inventory folder>/.kcp-secrets/<cluster>/, folder 0700, keys 0600,
// with a .gitignore of its own so that no repository takes them in. The CA's key never leaves
// this folder; a process's key and certificate are reused while they still serve it (same CA,
// subject, names, 30 days left) and issued anew otherwise.
import { execFile } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextIfExists } from '../fs/read-text-if-exists.js';
import type { Cluster, Process } from '../inventory/model.js';
import { certificateProblems } from './certificate.js';
import { caCertificateArgv, caIdentity, newKeyArgv, processCertificateArgv, processIdentity, type Identity } from './openssl.js';
import { Secret } from './secret.js';

/** Runs argv (argv[0] is the program) and resolves with its stdout. */
export type Run = (argv: string[]) => Promise<string>;

export const runLocal: Run = (argv) =>
  new Promise((resolve, reject) => {
    execFile(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const why = stderr.trim().split('\n').slice(-3).join(' | ') || err.message;
      reject(new Error(`${argv.slice(0, 2).join(' ')} failed (exit ${err.code ?? '?'}): ${why}`));
    });
  });

export const securityDir = (cluster: Pick<Cluster, 'baseDir' | 'name'>): string => join(cluster.baseDir, '.kcp-secrets', cluster.name);

/** Where the key and certificate `name` are kept in a cluster's folder. */
export const materialFiles = (dir: string, name: string): { keyFile: string; certFile: string } => ({ keyFile: join(dir, `${name}.key`), certFile: join(dir, `${name}.crt`) });

export interface CertificateAuthority {
  dir: string;
  keyFile: string;
  certFile: string;
  certPem: string;
  /** true when this call made it */
  created: boolean;
}

export interface ProcessMaterial {
  key: Secret;
  certPem: string;
  keyFile: string;
  certFile: string;
  /** true when this call issued the certificate */
  issued: boolean;
}

/** Writes through a temporary file in the same folder: a reader never sees half a key. */
export async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text, { mode });
  await chmod(temp, mode); // writeFile's mode is subject to the umask
  await rename(temp, path);
}

/** The secret kept in `path` (0600), made by `make` the first time. */
export async function keptSecret(path: string, make: () => Secret): Promise<Secret> {
  const text = await readTextIfExists(path);
  if (text !== null && text.trim().length > 0) return new Secret(text.trim());
  const secret = make();
  await writeAtomically(path, `${secret.reveal()}\n`, 0o600);
  return secret;
}

/** A new private key, written 0600 at `path` without passing through a command line. */
async function newKey(path: string, run: Run): Promise<Secret> {
  const key = new Secret(await run(newKeyArgv()));
  await writeAtomically(path, key.reveal(), 0o600);
  return key;
}

async function prepareDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const top = join(dir, '..');
  if ((await readTextIfExists(join(top, '.gitignore'))) === null) await writeFile(join(top, '.gitignore'), '# keys and certificates of kafka-cluster-provisioner: never commit\n*\n');
}

/** The cluster's CA: made once; an existing one is checked, never replaced. */
export async function ensureCa(cluster: Pick<Cluster, 'baseDir' | 'name'>, run: Run = runLocal): Promise<CertificateAuthority> {
  const dir = securityDir(cluster);
  const keyFile = join(dir, 'ca.key');
  const certFile = join(dir, 'ca.crt');
  await prepareDir(dir);
  const [key, cert] = await Promise.all([readTextIfExists(keyFile), readTextIfExists(certFile)]);
  if (key !== null && cert !== null) {
    const problem = caProblem(cert, new Secret(key));
    if (problem) throw new Error(`${certFile}: ${problem}; the CA is never replaced by the tool (every process trusts it): restore it, or move the folder away to start a new one`);
    return { dir, keyFile, certFile, certPem: cert, created: false };
  }
  if (key !== null || cert !== null) throw new Error(`${dir}: ${key === null ? 'ca.key' : 'ca.crt'} is missing while the other half of the CA is there; restore it, or move the folder away to start a new CA`);
  await newKey(keyFile, run);
  const temp = `${certFile}.tmp-${process.pid}`;
  await run(caCertificateArgv({ key: keyFile, out: temp, identity: caIdentity(cluster) }));
  await rename(temp, certFile);
  return { dir, keyFile, certFile, certPem: await readFile(certFile, 'utf8'), created: true };
}

function caProblem(certPem: string, key: Secret): string | null {
  try {
    const cert = new X509Certificate(certPem);
    if (!cert.ca) return 'not a CA certificate';
    if (!cert.checkPrivateKey(createPrivateKey(key.reveal()))) return 'ca.key does not belong to it';
    if (Date.parse(cert.validTo) <= Date.now()) return `expired on ${cert.validTo}`;
    return null;
  } catch {
    return 'cannot be read with ca.key';
  }
}

/** A process's key and certificate: the ones on file while they serve it, new ones otherwise. */
export function processMaterial(cluster: Pick<Cluster, 'baseDir' | 'name'>, ca: CertificateAuthority, p: Pick<Process, 'host' | 'service'>, run: Run = runLocal, renew = false): Promise<ProcessMaterial> {
  return issuedMaterial(ca, `${p.host.name}-${p.service}`, processIdentity(cluster, p), run, renew);
}

/**
 * The key and certificate `name` in the CA's folder, for `identity`: kept while they serve it,
 * unless `renew` (npm run rotate-certs) asks for a new key and certificate whatever the old ones.
 */
export async function issuedMaterial(ca: CertificateAuthority, name: string, identity: Identity, run: Run = runLocal, renew = false): Promise<ProcessMaterial> {
  const { keyFile, certFile } = materialFiles(ca.dir, name);
  const [keyText, certPem] = await Promise.all([readTextIfExists(keyFile), readTextIfExists(certFile)]);
  if (keyText !== null && certPem !== null && !renew) {
    const key = new Secret(keyText);
    if (certificateProblems({ certPem, key, caPem: ca.certPem, identity }).length === 0) return { key, certPem, keyFile, certFile, issued: false };
  }
  const key = await newKey(keyFile, run);
  const temp = `${certFile}.tmp-${process.pid}`;
  await run(processCertificateArgv({ key: keyFile, out: temp, caCert: ca.certFile, caKey: ca.keyFile, identity }));
  await rename(temp, certFile);
  return { key, certPem: await readFile(certFile, 'utf8'), keyFile, certFile, issued: true };
}

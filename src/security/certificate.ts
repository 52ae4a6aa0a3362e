// Reading a certificate and its key back (node:crypto's X509Certificate) and saying what is
// wrong with them for the use they are meant for: the basis for reusing a certificate that is
// still good, for preflight before anything is pushed, and for tests. Pure: PEM text in,
// problems out.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { Identity } from './openssl.js';
import type { Secret } from './secret.js';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const DAY_MS = 86_400_000;

/** "/O=a/CN=b" as X509Certificate#subject prints it: "O=a\nCN=b". */
export const subjectText = (identity: Pick<Identity, 'subject'>): string => identity.subject.slice(1).split('/').join('\n');

/** The names a certificate answers to: its DNS and IP subject alternative names. */
export function namesOf(cert: X509Certificate): { dns: string[]; ips: string[] } {
  const entries = (cert.subjectAltName ?? '').split(', ').filter((e) => e.length > 0);
  return {
    dns: entries.filter((e) => e.startsWith('DNS:')).map((e) => e.slice(4)),
    ips: entries.filter((e) => e.startsWith('IP Address:')).map((e) => e.slice(11)),
  };
}

export interface CertificateCheck {
  certPem: string;
  /** the private key that must belong to the certificate (PKCS#8 PEM) */
  key: Secret;
  caPem: string;
  identity: Identity;
  /** at least this many days of validity left (default 30) */
  minDaysLeft?: number;
  now?: Date;
}

/** Why this key and certificate cannot serve `identity` under this CA; [] when they can. */
export function certificateProblems(c: CertificateCheck): string[] {
  let cert: X509Certificate;
  let ca: X509Certificate;
  try {
    cert = new X509Certificate(c.certPem);
    ca = new X509Certificate(c.caPem);
  } catch (err) {
    return [`not a PEM certificate: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  if (!c.key.reveal().trimStart().startsWith('-----BEGIN PRIVATE KEY-----')) problems.push('the key is not an unencrypted PKCS#8 key ("BEGIN PRIVATE KEY"), the only form Kafka\'s PEM store reads');
  else {
    try {
      if (!cert.checkPrivateKey(createPrivateKey(c.key.reveal()))) problems.push('the key does not belong to the certificate');
    } catch {
      problems.push('the key cannot be read'); // never the parser's message: it may quote the key
    }
  }
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) problems.push(`not issued by this CA (${ca.subject.replaceAll('\n', ', ')})`);
  if (cert.subject !== subjectText(c.identity)) problems.push(`subject is ${cert.subject.replaceAll('\n', ', ')}, expected ${subjectText(c.identity).replaceAll('\n', ', ')}`);
  const names = namesOf(cert);
  const missing = [...c.identity.dns.filter((d) => !names.dns.includes(d)), ...c.identity.ips.filter((ip) => !names.ips.includes(ip))];
  if (missing.length > 0) problems.push(`no subject alternative name for ${missing.join(', ')} (has ${[...names.dns, ...names.ips].join(', ') || 'none'})`);
  const usages = cert.keyUsage ?? [];
  if (!usages.includes(SERVER_AUTH) || !usages.includes(CLIENT_AUTH)) problems.push('extended key usage must allow both TLS server and client authentication');
  if (cert.ca) problems.push('is a CA certificate');
  const now = c.now ?? new Date();
  const left = (Date.parse(cert.validTo) - now.getTime()) / DAY_MS;
  const minDays = c.minDaysLeft ?? 30;
  if (Date.parse(cert.validFrom) > now.getTime()) problems.push(`not valid before ${cert.validFrom}`);
  if (left < minDays) problems.push(left <= 0 ? `expired on ${cert.validTo}` : `expires on ${cert.validTo}, in less than ${minDays} days`);
  return problems;
}

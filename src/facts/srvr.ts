// Fact: ZooKeeper's own view of itself, from the `srvr` four-letter word on the client port.
// Asked on the host itself with bash's /dev/tcp (openssl s_client on a secured ensemble), so no
// ZooKeeper port needs to be reachable from the control machine and no Java client starts.
import { sh } from '../core/shell.js';

export type ZkMode = 'leader' | 'follower' | 'observer' | 'standalone' | 'read-only';

export interface SrvrFact {
  /** null when nothing answered or the server is not serving (e.g. no quorum yet) */
  mode: ZkMode | null;
  version: string | null;
  zxid: string | null;
  /** what was seen, for gate messages */
  raw: string;
}

/** A secured ensemble's client port takes TLS only, with a certificate: the member's own, read as root. */
export interface SrvrTls {
  /** the member's key and certificate, one PEM file */
  keystore: string;
  /** the cluster's CA certificate */
  truststore: string;
}

export function srvrCommand(port: number, tls: SrvrTls | null = null): string {
  const where = `127.0.0.1:${Number(port)}`;
  if (tls === null) return `(exec 3<>/dev/tcp/127.0.0.1/${Number(port)} && printf srvr >&3 && timeout 3 cat <&3) 2>/dev/null || echo "no answer on ${where}"`;
  // -quiet waits for the server to close after its answer (it implies -ign_eof)
  return `printf srvr | timeout 3 ${sh`openssl s_client -connect ${where} -cert ${tls.keystore} -key ${tls.keystore} -CAfile ${tls.truststore} -verify_return_error -quiet`} 2>/dev/null || echo "no answer on ${where} (TLS)"`;
}

export function parseSrvr(stdout: string): SrvrFact {
  const raw = stdout.trim();
  const mode = /^Mode: (\S+)/m.exec(raw)?.[1] ?? null;
  const known: ZkMode[] = ['leader', 'follower', 'observer', 'standalone', 'read-only'];
  return {
    mode: mode && (known as string[]).includes(mode) ? (mode as ZkMode) : null,
    version: /^Zookeeper version: ([^,\s-]+)/m.exec(raw)?.[1] ?? null,
    zxid: /^Zxid: (\S+)/m.exec(raw)?.[1] ?? null,
    raw: raw === '' ? 'no answer' : raw.split('\n').slice(0, 3).join(' | '),
  };
}

// Fact: ZooKeeper's own view of itself, from the `srvr` four-letter word on the client port.
// Asked on the host itself with bash's /dev/tcp, so no ZooKeeper port needs to be reachable
// from the control machine and no Java client starts.
export type ZkMode = 'leader' | 'follower' | 'observer' | 'standalone' | 'read-only';

export interface SrvrFact {
  /** null when nothing answered or the server is not serving (e.g. no quorum yet) */
  mode: ZkMode | null;
  version: string | null;
  zxid: string | null;
  /** what was seen, for gate messages */
  raw: string;
}

export const srvrCommand = (port: number): string =>
  `(exec 3<>/dev/tcp/127.0.0.1/${Number(port)} && printf srvr >&3 && timeout 3 cat <&3) 2>/dev/null || echo "no answer on 127.0.0.1:${Number(port)}"`;

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

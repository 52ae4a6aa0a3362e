// ZooKeeper's four-letter words (ruok, srvr, mntr) over plain TCP from the control machine:
// what an operator's `echo srvr | nc host 2181` shows, with a deadline; on a secured ensemble
// over TLS with a client certificate, the server's checked against the CA and the address.
// ZooKeeper answers and closes the connection, so the answer is everything read until the close.
import { createConnection } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { ClientSecurity } from '../kafka/types.js';

export class FourLetterWordError extends Error {
  constructor(readonly address: string, readonly port: number, readonly word: string, reason: string) {
    super(`${word} to ${address}:${port}: ${reason}`);
    this.name = 'FourLetterWordError';
  }
}

/** `tls`: a secured ensemble; its certificate (`cert`) is required, a password is not used. */
export function askFourLetterWord(address: string, port: number, word: string, timeoutMs = 3_000, tls: ClientSecurity | null = null): Promise<string> {
  if (!/^[a-z]{4}$/.test(word)) throw new Error(`not a four-letter word: ${word}`);
  if (tls !== null && !tls.cert) throw new Error('a secured ZooKeeper takes a client certificate');
  return new Promise((resolve, reject) => {
    const socket =
      tls === null
        ? createConnection({ host: address, port })
        : connectTls({ host: address, port, ca: tls.ca, cert: tls.cert!.certPem, key: tls.cert!.key.reveal(), rejectUnauthorized: true });
    const chunks: Buffer[] = [];
    const fail = (reason: string) => reject(new FourLetterWordError(address, port, word, reason));
    const timer = setTimeout(() => {
      socket.destroy();
      fail(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
    // no half-close: ZooKeeper may drop the answer on EOF
    socket.once(tls === null ? 'connect' : 'secureConnect', () => socket.write(word));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(err.code === 'ECONNREFUSED' ? 'connection refused (ZooKeeper not running?)' : err.message);
    });
    socket.once('close', (hadError) => {
      clearTimeout(timer);
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** `mntr`: one `key<TAB>value` per line -> record (numbers stay strings: callers choose). */
export function parseMntr(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) out[line.slice(0, tab).trim()] = line.slice(tab + 1).trim();
  }
  return out;
}

/** `srvr`: `Key: value` lines (Latency min/avg/max, Received, Node count, Mode, ...). */
export function parseSrvrFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z][A-Za-z /]*?):\s*(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.trim();
  }
  return out;
}

// ZooKeeper's four-letter words (ruok, srvr, mntr) over plain TCP from the control machine:
// what an operator's `echo srvr | nc host 2181` shows, with a deadline. ZooKeeper answers and
// closes the connection, so the answer is everything read until the close.
import { createConnection } from 'node:net';

export class FourLetterWordError extends Error {
  constructor(readonly address: string, readonly port: number, readonly word: string, reason: string) {
    super(`${word} to ${address}:${port}: ${reason}`);
    this.name = 'FourLetterWordError';
  }
}

export function askFourLetterWord(address: string, port: number, word: string, timeoutMs = 3_000): Promise<string> {
  if (!/^[a-z]{4}$/.test(word)) throw new Error(`not a four-letter word: ${word}`);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: address, port });
    const chunks: Buffer[] = [];
    const fail = (reason: string) => reject(new FourLetterWordError(address, port, word, reason));
    const timer = setTimeout(() => {
      socket.destroy();
      fail(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
    socket.once('connect', () => socket.write(word)); // no half-close: ZooKeeper may drop the answer on EOF
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

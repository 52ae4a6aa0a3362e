// The producer's ledger: every message the brokers ACKNOWLEDGED, with where it landed. The
// acceptance check treats it as the truth ("every acked message is consumed exactly once").
import { appendFile, readFile } from 'node:fs/promises';

export interface LedgerEntry {
  /** Unique per message (`<run id>:<sequence>`), also sent as the record's `id` header. */
  id: string;
  key: string | null;
  value: string | null;
  partition: number;
  offset: number;
}

export function toJsonLines(entries: LedgerEntry[]): string {
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
}

export async function appendLedger(file: string, entries: LedgerEntry[]): Promise<void> {
  if (entries.length > 0) await appendFile(file, toJsonLines(entries), 'utf8');
}

export function parseLedger(text: string, file = 'ledger'): LedgerEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      try {
        const e = JSON.parse(line) as LedgerEntry;
        if (typeof e.id !== 'string' || !Number.isInteger(e.partition) || !Number.isInteger(e.offset)) throw new Error('fields');
        return e;
      } catch {
        throw new Error(`${file}:${i + 1}: not a ledger entry`);
      }
    });
}

export async function readLedger(file: string): Promise<LedgerEntry[]> {
  return parseLedger(await readFile(file, 'utf8'), file);
}

/** The ledger in log order (partition, offset): the order in which a consumer sees it. */
export function inLogOrder(entries: LedgerEntry[]): LedgerEntry[] {
  return [...entries].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

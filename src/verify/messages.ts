// The smoke test's messages, after the seed's client examples: plain strings, keyed messages,
// JSON documents and a gzip-compressed batch. Every message is unique to the run, so what is
// read back can be matched exactly against what the brokers acknowledged.
import type { AckedMessage, Compression, ConsumedRecord, OutgoingMessage } from '../kafka/types.js';

export const KINDS = ['plain', 'keyed', 'json', 'gzip'] as const;
export type MessageKind = (typeof KINDS)[number];

export interface MessageBatch {
  kind: MessageKind;
  compression: Compression;
  messages: OutgoingMessage[];
}

export const KIND_HEADER = 'kcp-verify-kind';

export function verifyBatches(runId: string, perKind = 5): MessageBatch[] {
  const seq = Array.from({ length: perKind }, (_, i) => i);
  const headers = (kind: MessageKind, i: number) => ({ [KIND_HEADER]: kind, 'kcp-verify-seq': String(i) });
  return [
    {
      kind: 'plain',
      compression: 'none',
      messages: seq.map((i) => ({ key: null, value: `${runId} plain message ${i}`, headers: headers('plain', i) })),
    },
    {
      kind: 'keyed',
      compression: 'none',
      // two keys: each key's messages must share one partition, in send order
      messages: seq.map((i) => ({ key: `${runId}-key-${i % 2}`, value: `${runId} keyed message ${i}`, headers: headers('keyed', i) })),
    },
    {
      kind: 'json',
      compression: 'none',
      messages: seq.map((i) => ({
        key: null,
        value: JSON.stringify({ run: runId, seq: i, page: `page${i + 1}`, clicks: i + 1, stay: 1.5119122, like: -1, note: 'naïve ✓ 热度' }),
        headers: headers('json', i),
      })),
    },
    {
      kind: 'gzip',
      compression: 'gzip',
      // a few KiB of repetitive text: what compression is for
      messages: seq.map((i) => ({ key: `${runId}-gz-${i}`, value: `${runId} gzip message ${i} `.repeat(100), headers: headers('gzip', i) })),
    },
  ];
}

export interface KindResult {
  kind: MessageKind;
  sent: number;
  /** read back identical (key, value, headers) at the acknowledged partition and offset */
  intact: number;
  missing: string[];
  changed: string[];
  /** partitions the messages landed in */
  partitions: number[];
}

const at = (a: Pick<AckedMessage, 'partition' | 'offset'>) => `${a.partition}:${a.offset}`;

function sameHeaders(sent: Record<string, string> | undefined, got: Record<string, string>): boolean {
  const a = sent ?? {};
  return Object.keys(a).length === Object.keys(got).length && Object.entries(a).every(([k, v]) => got[k] === v);
}

/** Compares what was sent (and acknowledged where) with what the topic holds. Pure. */
export function compareKind(kind: MessageKind, sent: OutgoingMessage[], acks: AckedMessage[], records: ConsumedRecord[]): KindResult {
  const byPosition = new Map(records.map((r) => [at(r), r]));
  const result: KindResult = { kind, sent: sent.length, intact: 0, missing: [], changed: [], partitions: [] };
  sent.forEach((m, i) => {
    const ack = acks[i];
    if (!ack) return void result.missing.push(`#${i} (not acknowledged)`);
    const got = byPosition.get(at(ack));
    if (!got) return void result.missing.push(at(ack));
    if (got.key !== m.key || got.value !== m.value || !sameHeaders(m.headers, got.headers)) return void result.changed.push(at(ack));
    result.intact++;
  });
  result.partitions = [...new Set(acks.map((a) => a.partition))].sort((a, b) => a - b);
  return result;
}

/** Records in the topic that no send of this run put there. */
export function unexpectedRecords(acks: AckedMessage[], records: ConsumedRecord[]): string[] {
  const expected = new Set(acks.map(at));
  return records.filter((r) => !expected.has(at(r))).map(at);
}

export function describeKind(r: KindResult, compression: Compression): string {
  const how = `${r.sent} sent (acks=all${compression === 'none' ? '' : `, ${compression}`}), ${r.intact} read back identical`;
  const where = ` in partition${r.partitions.length === 1 ? '' : 's'} ${r.partitions.join(',')}`;
  const problems = [
    r.missing.length > 0 && `missing at ${r.missing.join(', ')}`,
    r.changed.length > 0 && `different at ${r.changed.join(', ')}`,
  ].filter(Boolean);
  return `${how}${r.partitions.length > 0 ? where : ''}${problems.length > 0 ? `; ${problems.join('; ')}` : ''}`;
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AckedMessage, KafkaProducerPort, OutgoingMessage } from '../../src/kafka/index.js';
import type { LedgerEntry } from '../../src/popularity/ledger.js';
import { parseMessage } from '../../src/popularity/message.js';
import { runProducer } from '../../src/popularity/producer.js';

/** A fake broker: appends to per-partition logs, fails the sends it is told to. */
function fakeProducer(failOn: (call: number) => 'fail' | 'write-then-fail' | 'ok' = () => 'ok') {
  const logs = new Map<number, OutgoingMessage[]>();
  const calls: OutgoingMessage[][] = [];
  const port: KafkaProducerPort = {
    async send(topic, messages) {
      calls.push(messages);
      const mode = failOn(calls.length);
      if (mode === 'fail') throw new Error('NOT_LEADER_FOR_PARTITION');
      const acks: AckedMessage[] = messages.map((m) => {
        const partition = m.key ? m.key.length % 3 : 0;
        const log = logs.get(partition) ?? [];
        logs.set(partition, log);
        log.push(m);
        return { topic, partition, offset: log.length - 1 };
      });
      if (mode === 'write-then-fail') throw new Error('request timed out (written, ack lost)');
      return acks;
    },
    async disconnect() {},
  };
  return { port, logs, calls };
}

afterEach(() => void vi.useRealTimers());

describe('runProducer', () => {
  it('sends the seeded generator keyed by page id and records every ack with partition and offset', async () => {
    const { port, logs } = fakeProducer();
    const ledger: LedgerEntry[] = [];
    const s = await runProducer(port, { topic: 't', count: 1_050, batchSize: 100, seed: 5, runId: 'r', onAcked: (e) => void ledger.push(...e) });
    expect(s).toMatchObject({ produced: 1_050, acked: 1_050, batches: 11, inDoubt: [], failedAttempts: 0 });
    expect(ledger).toHaveLength(1_050);
    expect(new Set(ledger.map((e) => e.id)).size).toBe(1_050);
    for (const e of ledger) {
      const parsed = parseMessage(e.value);
      expect(parsed.ok && parsed.behaviour.page).toBe(e.key);
      expect(logs.get(e.partition)![e.offset]).toMatchObject({ key: e.key, value: e.value, headers: { id: e.id } });
    }
  });

  it('is reproducible: the same seed gives the same messages', async () => {
    const values = async () => {
      const out: (string | null)[] = [];
      await runProducer(fakeProducer().port, { topic: 't', count: 50, seed: 9, onAcked: (e) => void out.push(...e.map((x) => x.value)) });
      return out;
    };
    expect(await values()).toEqual(await values());
  });

  it('retries a failed batch as the same batch and counts it acked only once it resolved', async () => {
    const { port, calls } = fakeProducer((n) => (n === 2 ? 'fail' : 'ok'));
    const ledger: LedgerEntry[] = [];
    const s = await runProducer(port, { topic: 't', count: 20, batchSize: 10, retryBackoffMs: 1, onAcked: (e) => void ledger.push(...e) });
    expect(s).toMatchObject({ acked: 20, failedAttempts: 1, inDoubt: [] });
    expect(s.sendErrors).toEqual({ NOT_LEADER_FOR_PARTITION: 1 }); // why it failed, for the report
    expect(calls).toHaveLength(3);
    expect(calls[2]).toEqual(calls[1]); // same messages, same order: the idempotent producer can de-duplicate
    expect(ledger.map((e) => e.id)).toEqual([...new Set(ledger.map((e) => e.id))]);
  });

  it('reports a batch whose sends never resolved as in doubt, never as acked', async () => {
    const { port } = fakeProducer((n) => (n >= 2 ? 'write-then-fail' : 'ok'));
    const ledger: LedgerEntry[] = [];
    const s = await runProducer(port, { topic: 't', count: 20, batchSize: 10, maxAttempts: 2, retryBackoffMs: 1, runId: 'r', onAcked: (e) => void ledger.push(...e) });
    expect(s.acked).toBe(10);
    expect(ledger).toHaveLength(10);
    expect(s.inDoubt.map((m) => m.id)).toEqual(Array.from({ length: 10 }, (_, i) => `r:${10 + i}`));
    expect(s.sendErrors).toEqual({ 'request timed out (written, ack lost)': 2 });
  });

  it('paces by rate and stops on abort', async () => {
    vi.useFakeTimers(); // Date and setTimeout: the pacing is exact, whatever the load
    const t0 = Date.now();
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 475); // mid-tick: stopping must not wait for the next one
    const acks: { at: number; total: number }[] = [];
    let total = 0;
    let stoppedAt: number | null = null;
    const running = runProducer(fakeProducer().port, {
      topic: 't', rate: 100, intervalMs: 50, signal: abort.signal, onAcked: (e) => void acks.push({ at: Date.now() - t0, total: (total += e.length) }),
    }).finally(() => (stoppedAt = Date.now() - t0));
    await vi.advanceTimersByTimeAsync(475);
    expect(stoppedAt).toBe(475);
    expect((await running).acked).toBe(total);
    // never ahead of 100 per second (one per 10 ms), and at most one 50 ms tick (5 messages) behind
    for (const { at, total: sent } of acks) expect(sent).toBeLessThanOrEqual(at / 10);
    expect(total).toBeGreaterThanOrEqual(47 - 5);
    expect(acks.length).toBeGreaterThan(5); // paced in several sends, not one burst
  });

  it('needs a count or a signal', async () => {
    await expect(runProducer(fakeProducer().port, { topic: 't' })).rejects.toThrow(/count or an abort signal/);
  });
});

import { describe, expect, it } from 'vitest';
import type { KafkaProducerPort, OutgoingMessage } from '../../src/kafka/index.js';
import { Outbox } from '../../src/popularity/outbox.js';

const dead = (offset: number) => ({
  record: { topic: 't', partition: 0, offset, key: null, value: 'x', headers: {}, timestamp: 0 },
  reason: 'field-count',
  detail: 'expected 4 fields',
});

function producer(failing: Set<string> = new Set()) {
  const sent: { topic: string; messages: OutgoingMessage[] }[] = [];
  const port: KafkaProducerPort = {
    send: async (topic, messages) => {
      if (failing.has(topic)) throw new Error(`${topic} is unavailable`);
      sent.push({ topic, messages });
      return [];
    },
    disconnect: async () => {},
  };
  return { port, sent, failing };
}

const all = () => true;
const shown = (messages: OutgoingMessage[]) => messages.map((m) => `${m.key}=${m.value}`).sort();

describe('Outbox', () => {
  it('publishes each changed page once with its newest value, and the dead letters', async () => {
    const box = new Outbox('out', 'dlq');
    box.addChanged(0, [['a', 1], ['b', 2]]);
    box.addChanged(0, [['a', 3]]);
    box.addDeadLetters([dead(4)]);
    const p = producer();
    expect(await box.flush(p.port, all)).toEqual({ published: 2, deadLettered: 1 });
    expect(p.sent.map((s) => [s.topic, s.messages.map((m) => `${m.key}=${m.value}`)])).toEqual([
      ['out', ['a=3', 'b=2']],
      ['dlq', [null + '=x']],
    ]);
    expect(await box.flush(p.port, all)).toEqual({ published: 0, deadLettered: 0 });
  });

  it('keeps everything after a failed send; values added meanwhile win', async () => {
    const box = new Outbox('out', 'dlq');
    box.addChanged(0, [['a', 1], ['b', 2]]);
    box.addDeadLetters([dead(1)]);
    const p = producer(new Set(['dlq']));
    const flushing = box.flush(p.port, all);
    box.addChanged(0, [['a', 5]]);
    box.addDeadLetters([dead(2)]);
    await expect(flushing).rejects.toThrow(/dlq is unavailable/);
    p.failing.clear();
    p.sent.length = 0;
    expect(await box.flush(p.port, all)).toEqual({ published: 2, deadLettered: 2 });
    expect(shown(p.sent[0]!.messages)).toEqual(['a=5', 'b=2']);
    expect(p.sent[1]!.messages.map((m) => m.headers?.['dlq.offset'])).toEqual(['1', '2']);
  });

  it('never publishes a partition it no longer owns: dropped on revoke, skipped and not kept by a flush', async () => {
    const box = new Outbox('out', 'dlq');
    const owned = new Set([0, 1, 2]);
    box.addChanged(0, [['a', 1]]);
    box.addChanged(1, [['b', 2]]);
    box.addChanged(2, [['c', 3]]);
    const p = producer(new Set(['out']));
    const flushing = box.flush(p.port, (q) => owned.has(q));
    owned.delete(1); // revoked while the send was failing: its value must not be retried later
    await expect(flushing).rejects.toThrow(/out is unavailable/);
    box.drop([2]);
    owned.delete(2);
    box.addChanged(3, [['d', 4]]); // held for a partition not (or no longer) owned when flushing
    p.failing.clear();
    expect(await box.flush(p.port, (q) => owned.has(q))).toEqual({ published: 1, deadLettered: 0 });
    expect(p.sent.map((s) => [s.topic, shown(s.messages)])).toEqual([['out', ['a=1']]]);
    owned.add(3);
    expect(await box.flush(p.port, (q) => owned.has(q))).toEqual({ published: 0, deadLettered: 0 });
  });
});

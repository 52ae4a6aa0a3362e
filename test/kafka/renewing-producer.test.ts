import { describe, expect, it } from 'vitest';
import { renewingProducer } from '../../src/kafka/renewing-producer.js';
import type { KafkaProducerPort } from '../../src/kafka/index.js';

/** A producer session that fails its sends while `failing` is set and records what it sent. */
function session(id: number, failing: { on: boolean }, sent: string[], closed: number[]): KafkaProducerPort {
  return {
    send: async (topic, messages) => {
      if (failing.on) throw new Error(`session ${id}: broker gone`);
      sent.push(...messages.map((m) => `${id}:${m.value}`));
      return messages.map((_, i) => ({ topic, partition: 0, offset: i }));
    },
    disconnect: async () => void closed.push(id),
  };
}

function setup(failing = { on: false }) {
  const sent: string[] = [];
  const closed: number[] = [];
  const logs: string[] = [];
  let made = 0;
  const make = async () => session(++made, failing, sent, closed);
  return { failing, sent, closed, logs, made: () => made, make };
}

describe('renewingProducer', () => {
  it('sends what follows a failed send through a new producer session, and closes the old one', async () => {
    const s = setup();
    const p = renewingProducer(await s.make(), s.make, (l) => s.logs.push(l));
    await p.send('t', [{ key: 'a', value: '1' }]);
    s.failing.on = true;
    // two sends fail on the same session: it is replaced once
    await Promise.all([p.send('t', [{ key: 'a', value: '2' }]), p.send('t', [{ key: 'b', value: '3' }])].map((x) => expect(x).rejects.toThrow(/session 1: broker gone/)));
    s.failing.on = false;
    await p.send('t', [{ key: 'a', value: '4' }]);
    expect(s.sent).toEqual(['1:1', '2:4']);
    expect(s.made()).toBe(2);
    expect(s.closed).toEqual([1]);
    expect(s.logs).toEqual(['producer: a send failed (session 1: broker gone); the next send uses a new producer session']);
    await p.disconnect();
    expect(s.closed).toEqual([1, 2]);
  });

  it('makes the new session at the next send, and again at the one after when making it failed', async () => {
    const s = setup();
    let refuse = true;
    const make = () => (refuse ? Promise.reject(new Error('connect ECONNREFUSED')) : s.make());
    const p = renewingProducer(await s.make(), make);
    s.failing.on = true;
    await expect(p.send('t', [{ key: 'a', value: '1' }])).rejects.toThrow(/broker gone/);
    await expect(p.send('t', [{ key: 'a', value: '2' }])).rejects.toThrow(/ECONNREFUSED/);
    refuse = false;
    s.failing.on = false;
    await p.send('t', [{ key: 'a', value: '3' }]);
    expect(s.sent).toEqual(['2:3']);
    expect(s.closed).toEqual([1]);
  });
});

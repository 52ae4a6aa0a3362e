// The Spark job's Java parser and number formatter against the TypeScript ones, on the same
// inputs: the seed's examples, every malformed kind, 30,000 mutated messages and 20,000 doubles.
// The Spark engine's exactness rests on this (same records accepted, same reasons and details in
// the dead-letter headers, same f, same text on the output topic). Compiled with javac alone:
// Behaviour and JsNumber need nothing but the JDK, so no Maven and no Spark.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/popularity/generator.js';
import { contribution, parseMessage } from '../../src/popularity/message.js';
import { mutatedMessages } from '../popularity/mutated-messages.js';

const REPO = join(import.meta.dirname, '..', '..');
const SOURCES = ['main/java/io/kcp/popularity/Behaviour.java', 'main/java/io/kcp/popularity/JsNumber.java', 'test/java/io/kcp/popularity/ParityProbe.java']
  .map((f) => join(REPO, 'spark-job', 'src', f));

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

/** What the TypeScript side answers for a message, in the probe's words. */
function tsAnswer(value: string | null): string {
  const p = parseMessage(value);
  if (!p.ok) return `bad ${p.reason} ${hex(p.detail)}`;
  const b = p.behaviour;
  return `ok ${hex(b.page)} ${b.clicks} ${String(b.stayMinutes)} ${b.like} ${String(contribution(b))}`;
}

const bitsOf = (x: number): string => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
};

describe("the Spark job's parser agrees with the TypeScript job's", () => {
  let classes: string;
  beforeAll(() => {
    classes = mkdtempSync(join(tmpdir(), 'kcp-parity-'));
    execFileSync('javac', ['-d', classes, ...SOURCES], { stdio: 'pipe' });
  }, 60_000);
  afterAll(() => rmSync(classes, { recursive: true, force: true }));

  const probe = (lines: string[]): string[] =>
    execFileSync('java', ['-cp', classes, 'io.kcp.popularity.ParityProbe'], { input: `${lines.join('\n')}\n`, maxBuffer: 64 * 1024 * 1024 }).toString('utf8').trimEnd().split('\n');

  it('on the seed examples, every malformed kind, null and 30,000 mutated messages', () => {
    const messages: Array<string | null> = [
      'page37|5|1.5119122|-1', 'page001.html|1|0.5|1', 'p|0|0|0', 'p|1|1e-7|0', 'p|1|.5|0', 'p|9007199254740991|1e308|1',
      '', 'page1|1|0.5', '|1|0.5|1', '\u00a0|1|0.5|1', 'page1|-1|0.5|1', 'page1|9007199254740992|0.5|1', 'page1|1|1e309|1', 'page1|1|0.5|+1',
      'página|1|0.5|1', null, ...mutatedMessages(13, 30_000),
    ];
    const answers = probe(messages.map((m) => `m ${m === null ? '-' : hex(m)}`));
    expect(answers).toHaveLength(messages.length);
    const differ = messages.flatMap((m, i) => (answers[i] === tsAnswer(m) ? [] : [{ message: m, java: answers[i], ts: tsAnswer(m) }]));
    expect(differ.slice(0, 5)).toEqual([]);
    // the set is not trivial: both outcomes, every reason
    const reasons = new Set(answers.map((a) => a.split(' ').slice(0, 2).join(' ').replace(/^ok .*/, 'ok')));
    expect([...reasons].sort()).toEqual(['bad empty', 'bad empty-page', 'bad field-count', 'bad invalid-clicks', 'bad invalid-like', 'bad invalid-stay', 'ok']);
  });

  it("writes every double as JavaScript's String(number) does", () => {
    const random = createRandom(17);
    const view = new DataView(new ArrayBuffer(8));
    const numbers = [0, -0, 1, -1, 0.1, 2.2, 1e21, 1e-7, 123e-20, 5e-324, Number.MAX_VALUE, 2 ** 53, 0.1 + 0.2, 100 / 3];
    for (let i = 0; i < 10_000; i++) {
      view.setUint32(0, Math.floor(random() * 2 ** 32));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      const x = view.getFloat64(0);
      if (Number.isFinite(x)) numbers.push(x);
    }
    // and totals as the job makes them: sums of contributions
    let total = 0;
    for (const m of mutatedMessages(19, 10_000)) {
      const p = parseMessage(m);
      if (p.ok) numbers.push((total += contribution(p.behaviour)));
    }
    const answers = probe(numbers.map((x) => `n ${bitsOf(x)}`));
    const differ = numbers.flatMap((x, i) => (answers[i] === String(x) ? [] : [{ x: String(x), java: answers[i] }]));
    expect(differ.slice(0, 5)).toEqual([]);
  });
});

// Seed-format messages with random edits (inserts, deletions, replacements from an alphabet of
// the characters a parser can trip on, and edge numbers): the inputs on which the message parser
// is compared with its grammar, and the Spark job's Java parser with the TypeScript one.
import { createBehaviourGenerator, createRandom } from '../../src/popularity/generator.js';
import { formatMessage } from '../../src/popularity/message.js';

const ALPHABET = '0123456789|.-+eExa \t\u00a0\u2028';
const EDGES = ['9007199254740991', '9007199254740992', '1e308', '1e309', '1.', '.', 'e5', '1e', '1e+', '00', '-0', '+1', ' 1', '\u00a0'];

export function mutatedMessages(seed: number, count: number): string[] {
  const random = createRandom(seed);
  const next = createBehaviourGenerator(seed);
  const pick = (s: string) => s[Math.floor(random() * s.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = formatMessage(next());
    for (let m = Math.floor(random() * 4); m > 0; m--) {
      const at = Math.floor(random() * (text.length + 1));
      const op = random();
      const insert = random() < 0.2 ? EDGES[Math.floor(random() * EDGES.length)]! : pick(ALPHABET);
      if (op < 0.4) text = text.slice(0, at) + insert + text.slice(at);
      else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1);
      else text = text.slice(0, at) + insert + text.slice(at + 1);
    }
    out.push(text);
  }
  return out;
}

// Maps a field path of the parsed inventory back to a line in the YAML source, so that every
// message can say `file:line`. The yaml package keeps source ranges on every node.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';

export type FieldPath = ReadonlyArray<string | number>;

export interface SourceDoc {
  file: string;
  doc: Document;
  lines: LineCounter;
}

export function parseSource(file: string, text: string): SourceDoc {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { file, doc, lines };
}

/** `hosts[1].broker_config` */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(top level)' : out;
}

function lineOfOffset(src: SourceDoc, offset: number): number {
  return src.lines.linePos(offset).line;
}

/**
 * Line of the node at `path`; with `key`, the line of that key inside the map at `path`.
 * Falls back to the nearest existing ancestor, so a missing field points at its parent.
 */
export function lineOf(src: SourceDoc, path: FieldPath, key?: string): number {
  let node: unknown = src.doc.contents;
  let best = 1;
  const remember = (n: unknown) => {
    const range = (n as Node | null)?.range;
    if (range) best = lineOfOffset(src, range[0]);
  };
  remember(node);
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) return best;
      remember(pair.key);
      node = pair.value;
      // a block map or list under a key starts on the next line; the key names it better
      if (isScalar(node)) remember(node);
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
      if (!node) return best;
      remember(node);
    } else {
      return best;
    }
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === key);
    if (pair) remember(pair.key);
  }
  return best;
}

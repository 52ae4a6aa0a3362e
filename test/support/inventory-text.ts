// Builds inventory YAML text for tests, from the default three-host layout plus edits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { InventoryError, parseInventory } from '../../src/inventory/load.js';

export const defaultInventoryText = readFileSync(join(import.meta.dirname, '..', '..', 'inventory.yaml'), 'utf8');

/** Replaces one exact snippet of the default inventory; fails loudly if it is not there. */
export function editInventory(...edits: Array<[string, string]>): string {
  let text = defaultInventoryText;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`test inventory has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

/** The 1-based line of the first occurrence of `snippet` in `text`. */
export function lineOfSnippet(text: string, snippet: string): number {
  const at = text.indexOf(snippet);
  if (at < 0) throw new Error(`no ${JSON.stringify(snippet)} in text`);
  return text.slice(0, at).split('\n').length;
}

/** Replaces the whole line that contains `snippet` (its n-th occurrence, from 1) with `line`. */
export function replaceLine(text: string, snippet: string, line: string, nth = 1): string {
  const lines = text.split('\n');
  const index = lines.map((l, i) => (l.includes(snippet) ? i : -1)).filter((i) => i >= 0)[nth - 1];
  if (index === undefined) throw new Error(`no line ${nth} with ${JSON.stringify(snippet)}`);
  lines[index] = line;
  return lines.join('\n');
}

/** The problems of an inventory that must be refused as bad input (exit 2), read as `inventory.yaml`. */
export function problemsOf(text: string): string[] {
  try {
    parseInventory('inventory.yaml', text);
  } catch (err) {
    expect(err).toBeInstanceOf(InventoryError);
    expect((err as InventoryError).exitCode).toBe(2);
    return (err as InventoryError).problems;
  }
  throw new Error('inventory was accepted');
}

/** Asserts exactly one problem, at `file:line` of `snippet`, naming `field`, saying `what`. */
export function expectProblem(text: string, snippet: string, field: string, what: RegExp): void {
  const problems = problemsOf(text);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(new RegExp(`^inventory\\.yaml:${lineOfSnippet(text, snippet)}: `));
  expect(problems[0]).toContain(` ${field}: `);
  expect(problems[0]).toMatch(what);
}

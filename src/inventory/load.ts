// Reads inventory.yaml once: YAML syntax, schema, cross-field rules; then derives the model.
// Every problem is reported together, each as `file:line: field.path: what is wrong`.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../core/errors.js';
import { deriveCluster } from './derive.js';
import { formatPath, lineOf, parseSource, type FieldPath, type SourceDoc } from './locate.js';
import type { Cluster } from './model.js';
import { checkRules, type Finding } from './rules.js';
import type { RuleOptions } from './rules-quorum.js';
import { inventorySchema } from './schema.js';
import { closest } from './suggest.js';

export interface LoadedInventory {
  cluster: Cluster;
  /** located warnings (e.g. an even-sized ensemble); the inventory is still usable */
  warnings: string[];
}

export class InventoryError extends InputError {
  constructor(readonly problems: string[]) {
    super(`invalid inventory:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'InventoryError';
  }
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function locate(src: SourceDoc, path: FieldPath, message: string, key?: string): string {
  const where = key === undefined ? path : [...path, key];
  return `${displayName(src.file)}:${lineOf(src, path, key)}: ${formatPath(where)}: ${message}`;
}

/** Known keys of the schema object at `path`, for "did you mean". */
function knownKeysAt(path: FieldPath): string[] {
  let schema: unknown = inventorySchema;
  for (const part of path) {
    const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; innerType?: unknown } }).def;
    if (!def) return [];
    if (def.type === 'array') schema = def.element;
    else if (def.type === 'object' && typeof part === 'string') schema = def.shape?.[part];
    else return [];
    while ((schema as { def?: { innerType?: unknown } })?.def?.innerType) schema = (schema as { def: { innerType: unknown } }).def.innerType;
  }
  const shape = (schema as { def?: { shape?: Record<string, unknown> } })?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const part of path) value = (value as Record<string | number, unknown> | null | undefined)?.[part];
  return value;
}

function schemaProblems(src: SourceDoc, data: unknown, issues: z.core.$ZodIssue[]): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(path);
      for (const key of issue.keys) {
        const guess = closest(key, known);
        problems.push(locate(src, path, `unknown key${guess ? ` (did you mean "${guess}"?)` : ''}`, key));
      }
    } else if (issue.code === 'invalid_type' && valueAt(data, path) === undefined) {
      problems.push(locate(src, path, 'is required'));
    } else {
      problems.push(locate(src, path, issue.message));
    }
  }
  return problems;
}

export function parseInventory(file: string, text: string, opts: RuleOptions = {}): LoadedInventory {
  const src = parseSource(file, text);
  if (src.doc.errors.length > 0) {
    // The first syntax error is the one to fix; the rest usually follow from it.
    const first = src.doc.errors[0]!;
    const line = src.lines.linePos(first.pos[0]).line;
    throw new InventoryError([`${displayName(file)}:${line}: YAML syntax: ${first.message.split('\n')[0]}`]);
  }
  const data: unknown = src.doc.toJS() ?? {};
  const parsed = inventorySchema.safeParse(data);
  if (!parsed.success) throw new InventoryError(schemaProblems(src, data, parsed.error.issues));

  const findings = checkRules(parsed.data, opts);
  const render = (f: Finding) => locate(src, f.path, f.message, f.key);
  const errors = findings.filter((f) => f.severity === 'error').map(render);
  if (errors.length > 0) throw new InventoryError(errors);
  return {
    cluster: deriveCluster(parsed.data, file),
    warnings: findings.filter((f) => f.severity === 'warning').map((f) => `warning: ${render(f)}`),
  };
}

export async function loadInventory(file: string, opts: RuleOptions = {}): Promise<LoadedInventory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read inventory ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseInventory(file, text, opts);
}

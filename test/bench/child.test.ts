import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf, parseBenchOutput, runBenchFile } from '../../bench/support/child.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

describe('parseBenchOutput', () => {
  it('takes one JSON document, surrounding whitespace allowed', () => {
    expect(parseBenchOutput('\n{"up_ms": 5}\n')).toEqual({ doc: { up_ms: 5 } });
  });

  it('says why there is no document', () => {
    expect(parseBenchOutput('  ')).toEqual({ doc: null, error: 'printed nothing on stdout' });
    expect(parseBenchOutput('{"a":1}\n{"b":2}').error).toMatch(/^stdout is not one JSON document: /);
  });
});

describe('outcomeOf', () => {
  it('ok with figures on exit 0 and a document', () => {
    const o = outcomeOf('lab', 0, null, '{"up_ms":1000,"down_ms":500}', 42);
    expect(o).toMatchObject({ bench: 'lab', ok: true, elapsedMs: 42 });
    expect(o.error).toBeUndefined();
    expect(o.figures.map((f) => f.value)).toEqual([1000, 500]);
  });

  it("failed on a non-zero exit, with the bench's own error and what it measured", () => {
    const o = outcomeOf('popularity', 1, null, '{"ok":false,"error":"the job\'s result is wrong","figures":[]}', 1);
    expect(o).toMatchObject({ ok: false, error: "exit code 1: the job's result is wrong" });
  });

  it('failed when killed, when stdout is not JSON, or when the document says ok: false', () => {
    expect(outcomeOf('perf', null, 'SIGKILL', '', 1).error).toBe('killed by SIGKILL: printed nothing on stdout');
    expect(outcomeOf('perf', 0, null, 'hello', 1)).toMatchObject({ ok: false, error: 'stdout is not one JSON document: "hello"' });
    expect(outcomeOf('perf', 0, null, '{"ok":false}', 1)).toMatchObject({ ok: false, error: 'reported ok: false' });
  });
});

describe('runBenchFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-child-'));
    await writeFile(join(dir, 'good.ts'), "const n: number = 3;\nprocess.stderr.write('progress\\n');\nconsole.log(JSON.stringify({ up_ms: n, down_ms: 1 }));\n");
    await writeFile(join(dir, 'bad.ts'), "console.log('half');\nprocess.exit(3);\n");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs a TypeScript bench in its own process and reads its document', async () => {
    const o = await runBenchFile('lab', join(dir, 'good.ts'), REPO);
    expect(o).toMatchObject({ ok: true, doc: { up_ms: 3, down_ms: 1 } });
    expect(o.figures).toHaveLength(2);
  });

  it('reports a failing bench without throwing', async () => {
    const o = await runBenchFile('lab', join(dir, 'bad.ts'), REPO);
    expect(o).toMatchObject({ ok: false, error: 'exit code 3: stdout is not one JSON document: "half"', figures: [] });
  });
});

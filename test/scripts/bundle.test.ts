import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleOf, commandSource, freshBundle, isStale } from '../../scripts/launch/bundle.mjs';

const run = promisify(execFile);
let root: string;

/** A repository in miniature: scripts/hello.ts imports src/greet/text.ts, which reads a path off import.meta.url. */
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kcp-bundle-'));
  await mkdir(join(root, 'scripts'));
  await mkdir(join(root, 'src', 'greet'), { recursive: true });
  await writeFile(join(root, 'scripts', 'hello.ts'), "import { text } from '../src/greet/text.js';\nconsole.log(text(process.argv.slice(2)));\n");
  // written well before any build: a file of the build's own second counts as changed
  const before = new Date(Date.now() - 10_000);
  await utimes(join(root, 'scripts', 'hello.ts'), before, before);
  await writeText('hello', before);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeText(word: string, mtime?: Date): Promise<void> {
  const file = join(root, 'src', 'greet', 'text.ts');
  await writeFile(file, `import { fileURLToPath } from 'node:url';\nconst root = fileURLToPath(new URL('../../', import.meta.url));\nexport const text = (args: string[]): string => \`${word} \${args.join(' ')} from \${root}\`;\n`);
  if (mtime) await utimes(file, mtime, mtime);
}

const output = async (bundle: string, ...args: string[]) => (await run(process.execPath, [bundle, ...args])).stdout.trim();

describe('the command bundles', () => {
  it('builds a command once, runs it with its arguments, its import.meta.url paths as in the source tree', async () => {
    const bundle = await freshBundle(root, 'hello');
    expect(bundle).toBe(bundleOf(root, 'hello'));
    expect(await output(bundle, 'a', 'b')).toBe(`hello a b from ${root}/`);
    const built = (await stat(bundle)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await freshBundle(root, 'hello')).toBe(bundle);
    expect((await stat(bundle)).mtimeMs).toBe(built); // fresh: not built again
  });

  it('builds again when a file it was built from changed, also one saved during the build\'s second', async () => {
    const bundle = await freshBundle(root, 'hello');
    expect(isStale(root, bundle)).toBe(false);
    await writeText('bye', new Date((await stat(bundle)).mtimeMs)); // the same second as the build
    expect(isStale(root, bundle)).toBe(true);
    expect(await output(await freshBundle(root, 'hello'))).toMatch(/^bye/);
  });

  it('builds again without its list of inputs, or when an input is gone', async () => {
    const bundle = await freshBundle(root, 'hello');
    await unlink(`${bundle}.inputs.json`);
    expect(isStale(root, bundle)).toBe(true);
    await freshBundle(root, 'hello');
    await writeFile(`${bundle}.inputs.json`, '["src/greet/gone.ts"]');
    expect(isStale(root, bundle)).toBe(true);
  });

  it('knows only the commands in scripts/', () => {
    expect(commandSource(root, 'hello')).toBe(join(root, 'scripts', 'hello.ts'));
    for (const name of ['nope', '../src/greet/text', 'Hello', '']) expect(commandSource(root, name)).toBeNull();
  });
});

describe('packages in the bundles', () => {
  it('compiles the start-up packages in (CommonJS too, with its require) and imports the others', async () => {
    const pkg = async (name: string, main: string) => {
      await mkdir(join(root, 'node_modules', name), { recursive: true });
      await writeFile(join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
      await writeFile(join(root, 'node_modules', name, 'index.js'), main);
    };
    await pkg('yaml', "const process = require('process');\nexports.word = () => 'yaml@' + typeof process.pid;\n");
    await pkg('other', "exports.word = () => 'other';\n");
    await writeFile(join(root, 'scripts', 'pkgs.ts'), "import { word } from 'yaml';\nimport { word as other } from 'other';\nconsole.log(word(), other());\n");
    const bundle = await freshBundle(root, 'pkgs');
    expect(await output(bundle)).toBe('yaml@number other');
    const text = await readFile(bundle, 'utf8');
    expect(text).not.toMatch(/from ["']yaml["']/);
    expect(text).toMatch(/from ["']other["']/);
    const inputs: string[] = JSON.parse(await readFile(`${bundle}.inputs.json`, 'utf8'));
    expect(inputs).toContain('node_modules/yaml/index.js'); // an upgrade builds again
    expect(inputs.filter((f) => f.endsWith('scripts/launch/bundle.mjs'))).toHaveLength(1); // so does a change of the bundler
  });
});

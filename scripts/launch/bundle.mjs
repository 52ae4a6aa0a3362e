// The commands as JavaScript compiled once (see scripts/run.mjs): scripts/<name>.ts bundled with
// esbuild into .build/scripts/<name>.mjs, again only when a file it was built from changed since
// (each bundle lists its inputs beside it). Packages stay in node_modules, but for the pure
// JavaScript ones every command loads before it does anything (INLINE): one file loads faster
// than their hundreds (measured: `npm run render` 0.1 s sooner). The bundle sits two
// folders below the root, as src/*/*.ts do, so their import.meta.url paths (templates/,
// dashboard/, .cache/) resolve the same. Plain JavaScript: it runs before anything compiles.
import { mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const COMMAND_NAME = /^[a-z][a-z0-9-]*$/;

export function exists(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The command's source, or null when there is no such command. */
export function commandSource(root, name) {
  const source = join(root, 'scripts', `${name}.ts`);
  return COMMAND_NAME.test(name) && exists(source) ? source : null;
}

export const bundleOf = (root, name) => join(root, '.build', 'scripts', `${name}.mjs`);

/** Packages compiled into the bundles: plain JavaScript, loaded by every command at start. */
export const INLINE = ['handlebars', 'yaml', 'zod'];

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Every other package (and node:*) is imported from node_modules at run time. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => (INLINE.includes(packageOf(a.path)) ? undefined : { path: a.path, external: true }));
  },
};

// CommonJS code compiled in (yaml's, handlebars') calls require(): give the ES module one.
// esbuild renames a top-level `require` of the sources, so this one cannot clash.
const REQUIRE = "import { createRequire as __kcpCreateRequire } from 'node:module';\nconst require = __kcpCreateRequire(import.meta.url);";

/** Stale: never built, or one of the files it was built from is as new as the bundle or newer. */
export function isStale(root, out) {
  try {
    const built = statSync(out).mtimeMs;
    const inputs = JSON.parse(readFileSync(`${out}.inputs.json`, 'utf8'));
    return !Array.isArray(inputs) || inputs.some((file) => !exists(join(root, file)) || statSync(join(root, file)).mtimeMs >= built);
  } catch {
    return true;
  }
}

/** Builds the bundle (whatever its state); returns its path. */
export async function build(root, name) {
  const esbuild = await import('esbuild');
  const out = bundleOf(root, name);
  // The bundle gets the second the build started: a file saved while it ran is as new or newer,
  // so the next start builds again.
  const started = new Date(Math.floor(Date.now() / 1000) * 1000);
  const tmp = `${out}.${process.pid}.tmp`;
  mkdirSync(join(root, '.build', 'scripts'), { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join('scripts', `${name}.ts`)],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalPackages],
    banner: { js: REQUIRE },
    metafile: true,
    logLevel: 'error',
  });
  // written before the bundle takes its name, so a bundle never stands without its inputs
  // and this file: a change in how bundles are built builds them again
  const inputs = [...Object.keys(result.metafile.inputs), relative(root, fileURLToPath(import.meta.url))];
  writeFileSync(`${out}.inputs.json`, `${JSON.stringify(inputs.sort())}\n`);
  utimesSync(tmp, started, started);
  renameSync(tmp, out); // atomic: two commands building at once each rename a whole file
  return out;
}

/** The bundle of `name`, built first if it is stale. */
export async function freshBundle(root, name) {
  const out = bundleOf(root, name);
  return isStale(root, out) ? build(root, name) : out;
}

// The commands as JavaScript compiled once (see scripts/run.mjs): scripts/<name>.ts bundled with
// esbuild into .build/scripts/<name>.mjs, again only when a file it was built from changed since
// (each bundle lists its inputs beside it). Packages stay in node_modules. The bundle sits two
// folders below the root, as src/*/*.ts do, so their import.meta.url paths (templates/,
// dashboard/, .cache/) resolve the same. Plain JavaScript: it runs before anything compiles.
import { mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
    packages: 'external',
    metafile: true,
    logLevel: 'error',
  });
  // written before the bundle takes its name, so a bundle never stands without its inputs
  writeFileSync(`${out}.inputs.json`, `${JSON.stringify(Object.keys(result.metafile.inputs).sort())}\n`);
  utimesSync(tmp, started, started);
  renameSync(tmp, out); // atomic: two commands building at once each rename a whole file
  return out;
}

/** The bundle of `name`, built first if it is stale. */
export async function freshBundle(root, name) {
  const out = bundleOf(root, name);
  return isStale(root, out) ? build(root, name) : out;
}

#!/usr/bin/env node
// npm run <command> [-- args]: runs scripts/<command>.ts as JavaScript compiled once
// (scripts/launch/bundle.mjs). tsx compiles on every start, about a second before a command does
// anything; a bundle starts in a fraction of that.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commandSource, freshBundle } from './launch/bundle.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const name = process.argv[2] ?? '';
if (commandSource(ROOT, name) === null) {
  process.stderr.write(`usage: node scripts/run.mjs COMMAND [ARGS]: there is no scripts/${name || 'COMMAND'}.ts\n`);
  process.exit(2);
}
process.argv.splice(2, 1); // the command sees its own arguments, as under tsx
let bundle;
try {
  bundle = await freshBundle(ROOT, name);
} catch (err) {
  process.stderr.write(`could not compile scripts/${name}.ts (is esbuild installed? run scripts/setup.sh): ${err.message}\n`);
  process.exit(1);
}
await import(pathToFileURL(bundle).href);

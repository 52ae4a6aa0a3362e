#!/usr/bin/env tsx
// How soon a command answers when it contacts nothing, typed as a user types it (`npm run ...`):
// render of the default inventory's three hosts, --help, bad input (goal: each under 0.5 s).
// Beside them, in the same run: node starting and exiting, npm run's own cost (`npm run env`,
// npm's built-in script), and the same render through tsx, which is how every command started before
// scripts/run.mjs. Each figure is the median of KCP_BENCH_RUNS (7) after one warm-up run (which
// also builds the command's bundle), taken once the machine has been 80% idle for a second (a
// start-up is CPU-bound: JVMs of an earlier bench still settling would be timed instead). No lab,
// no root.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from './support/figures.js';
import { benchMain, envInt, log } from './support/main.js';
import { waitForQuiet } from './support/quiet.js';
import { REPO, typed } from './support/typed.js';

const RUNS = envInt('KCP_BENCH_RUNS', 7);
const timed = (what: string, cmd: string, args: string[], code = 0): Promise<number> => typed(what, cmd, args, RUNS, code);

await benchMain('startup', async (partial) => {
  const out = await mkdtemp(join(tmpdir(), 'kcp-bench-startup-'));
  try {
    const npmRun = (what: string, args: string[], code = 0) => timed(what, 'npm', ['run', '--silent', ...args], code);
    const quiet = await waitForQuiet({ idle: 0.8, deadlineMs: 90_000, log });
    const node = await timed('node -e 0', process.execPath, ['-e', '0']);
    const npmOwn = await npmRun('npm run env (npm\'s own cost)', ['env']);
    const help = await npmRun('npm run render -- --help', ['render', '--', '--help']);
    const render = await npmRun('npm run render -- --out DIR', ['render', '--', '--out', out]);
    const bad = await npmRun('npm run render -- --bogus', ['render', '--', '--bogus'], 2);
    const tsx = await timed('tsx scripts/render.ts --out DIR', join(REPO, 'node_modules/.bin/tsx'), ['scripts/render.ts', '--out', out]);
    Object.assign(partial, { idle_before: Math.round(quiet.idle * 100) / 100, node_s: node, npm_s: npmOwn, help_s: help, render_s: render, bad_input_s: bad, tsx_render_s: tsx });
    const reference = `node alone ${node} s, npm's own ${npmOwn} s; machine ${Math.round(quiet.idle * 100)}% idle before`;
    const figures: Figure[] = [
      { name: 'npm run render, 3 hosts (contacts nothing)', value: render, unit: 's', target: { op: '<', value: 0.5 }, reference },
      { name: 'npm run render -- --help', value: help, unit: 's', target: { op: '<', value: 0.5 }, reference },
      { name: 'npm run render -- --bogus (exit 2)', value: bad, unit: 's', target: { op: '<', value: 0.5 }, reference },
      { name: '  the same render through tsx (before)', value: tsx, unit: 's', reference: `${Math.round((tsx / render) * 10) / 10}x the bundle` },
    ];
    return { ...partial, runs: RUNS, figures };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

// The rendered service script's risky paths, run on this machine without the lab: stop escalates
// to SIGKILL after its timeout and says so, a pidfile naming anything but this service's JVM is
// never acted on, and a second start finds the first. The script is the production rendering for
// the first host, with only its host paths moved into a temporary folder; a bash stub is the JVM.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { renderCluster } from '../../src/render/index.js';
import { fakeSecrets } from '../support/fake-secrets.js';
import { defaultInventoryText } from '../support/inventory-text.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { runCommand, type CommandResult } from '../support/run-command.js';

const defaultCluster = parseInventory('inventory.yaml', defaultInventoryText).cluster;
const rendered = renderCluster(defaultCluster, fakeSecrets(defaultCluster))[0]?.files.find((f) =>
  f.path.endsWith('/kafka-service.sh'),
);
if (!rendered) throw new Error('the first host renders no kafka-service.sh');
const MAIN_CLASS = /^readonly MAIN_CLASS=([\w.]+)$/m.exec(rendered.content)?.[1];
if (!MAIN_CLASS) throw new Error('kafka-service.sh has no readonly MAIN_CLASS= line');

// Generous: these bound a hang, not speed. Both cores may be busy with other test files.
const TEST_TIMEOUT = 120_000;
const WAIT = { timeout: 60_000, interval: 20 };

/** Replaces `readonly NAME=...` lines; each must occur exactly once, so a reshaped template fails here. */
function relocate(script: string, values: Record<string, string>): string {
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^readonly ${name}=.*$`, 'gm');
    expect(script.match(line), `readonly ${name}= lines`).toHaveLength(1);
    expect(value, 'a value that needs no shell quoting').toMatch(/^[\w./@-]+$/);
    script = script.replace(line, `readonly ${name}=${value}`);
  }
  return script;
}

/** Running, as the script sees it: a zombie has exited, only its parent has not reaped it yet. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** SigIgn is a hex mask, bit n-1 for signal n. */
function ignoresTerm(pid: number): boolean {
  const mask = /^SigIgn:\s+([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '0';
  return (BigInt(`0x${mask}`) & (1n << BigInt(constants.signals.SIGTERM - 1))) !== 0n;
}

/** Alive with no signal pending. A fatal signal is pending from the moment kill(2) returns until the
 *  process is gone, so a signal sent just before this check shows here even before it has acted. */
function untouched(pid: number): boolean {
  if (!alive(pid)) return false;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return [...status.matchAll(/^(?:SigPnd|ShdPnd):\s+([0-9a-f]+)$/gm)].every((m) => BigInt(`0x${m[1]}`) === 0n);
  } catch {
    return false;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** A stand-in for java, under `home`/bin. A shebang script's cmdline is "/bin/bash <script> <args>",
 *  so it carries the " MAIN_CLASS CONFIG" the script trusts. */
function fakeJava(home: string, onTerm: 'exit' | 'ignore'): void {
  mkdirSync(join(home, 'bin'), { recursive: true });
  const fifo = join(home, 'hold');
  execFileSync('mkfifo', [fifo]);
  const lines = [
    '#!/bin/bash',
    ...(onTerm === 'ignore' ? ["trap '' TERM"] : []),
    // blocks reading a fifo nobody writes: no child process, unlike a sleep loop, so the pid is all of it
    `exec 3<>'${fifo}'`,
    'while :; do read -r -u 3; done',
  ];
  writeFileSync(join(home, 'bin', 'java'), `${lines.join('\n')}\n`, { mode: 0o755 });
}

let dir = '';
let pidfile = '';
let config = '';
let script = '';
const homes = { exit: '', ignore: '', missing: '' };
/** service pids the script reported, and bystanders this test spawned: killed by pid afterwards */
let servicePids: number[] = [];
let bystanders: ChildProcess[] = [];

async function service(args: string[], onTerm: keyof typeof homes = 'exit'): Promise<CommandResult> {
  const r = await runCommand('bash', [script, ...args], { env: { JAVA_HOME: homes[onTerm] } });
  // every start it reports, even one a test did not expect, so that afterEach can end it
  for (const m of r.stdout.matchAll(/^kafka started, pid (\d+)$/gm)) servicePids.push(Number(m[1]));
  return r;
}

/** `start`, then checks that its pid runs the stub (setsid and setpriv exec in place): start waits
 *  for that itself, so the wait below is only a guard. */
async function start(onTerm: 'exit' | 'ignore' = 'exit'): Promise<number> {
  const r = await service(['start'], onTerm);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout).toMatch(/^kafka started, pid \d+\n$/);
  const pid = Number(/\d+/.exec(r.stdout)?.[0]);
  const stub = `/bin/bash ${homes[onTerm]}/bin/java `;
  await vi.waitFor(() => expect(cmdline(pid).startsWith(stub), `pid ${pid} runs ${stub}`).toBe(true), WAIT);
  expect(cmdline(pid)).toContain(` ${MAIN_CLASS} ${config} `);
  return pid;
}

function bystander(cmd: string, args: string[]): number {
  const child = spawn(cmd, args, { stdio: 'ignore' });
  bystanders.push(child);
  // spawn returns once the child has exec'd, so its cmdline is already the one under test
  if (child.pid === undefined || !alive(child.pid)) throw new Error(`could not start ${cmd}`);
  return child.pid;
}

const readPidfile = (): string | null => (existsSync(pidfile) ? readFileSync(pidfile, 'utf8') : null);

describeIf(missingRoot(), 'rendered kafka-service.sh', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'service-script-'));
    pidfile = join(dir, 'run', 'kafka.pid'); // a folder start has to create
    config = join(dir, 'server.properties');
    homes.exit = join(dir, 'jdk-exits-on-term');
    homes.ignore = join(dir, 'jdk-ignores-term');
    fakeJava(homes.exit, 'exit');
    fakeJava(homes.ignore, 'ignore');
    homes.missing = join(dir, 'no-jdk'); // a JAVA_HOME without java
    script = join(dir, 'kafka-service.sh');
    writeFileSync(
      script,
      relocate(rendered.content, { PIDFILE: pidfile, LOG: join(dir, 'kafka.out'), CONFIG: config, RUN_AS: userInfo().username }),
    );
  });

  afterEach(async () => {
    // only what this test started: a service pid still counts while its cmdline names our folder
    const left = servicePids.filter((pid) => alive(pid) && cmdline(pid).includes(dir));
    for (const pid of left) process.kill(pid, 'SIGKILL');
    for (const child of bystanders) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const all = [...left, ...bystanders.flatMap((c) => (c.pid === undefined ? [] : [c.pid]))];
    await vi.waitFor(() => expect(all.filter(alive)).toEqual([]), WAIT);
    servicePids = [];
    bystanders = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a JVM that exits on SIGTERM without a warning, and removes the pidfile', async () => {
    const pid = await start('exit');
    // the timeout only caps the wait: stop returns as soon as the pid is gone
    expect(await service(['stop', '10'])).toEqual({ code: 0, stdout: `kafka stopped, pid ${pid}\n`, stderr: '' });
    expect(alive(pid)).toBe(false);
    expect(readPidfile()).toBeNull();
  }, TEST_TIMEOUT);

  it('SIGKILLs a JVM that ignores SIGTERM once the stop timeout has passed, with a warning', async () => {
    const pid = await start('ignore');
    // the stub must have run its trap, or SIGTERM would still kill it
    await vi.waitFor(() => expect(ignoresTerm(pid)).toBe(true), WAIT);
    const r = await service(['stop', '1']);
    expect(r).toMatchObject({ code: 0, stdout: `kafka stopped, pid ${pid}\n` });
    expect(r.stderr).toMatch(new RegExp(`^warning: kafka pid ${pid} still running 1s after SIGTERM; sending SIGKILL\\n$`));
    expect(alive(pid)).toBe(false);
    expect(readPidfile()).toBeNull();
  }, TEST_TIMEOUT);

  it('start twice: the second finds the first, by the same pid', async () => {
    const pid = await start();
    expect(await service(['start'])).toEqual({ code: 0, stdout: `kafka already running, pid ${pid}\n`, stderr: '' });
    expect(await service(['status'])).toEqual({ code: 0, stdout: `running ${pid}\n`, stderr: '' });
    expect(readPidfile()).toBe(`${pid}\n`);
  }, TEST_TIMEOUT);

  it('refuses a stop timeout that is not whole seconds, before signalling anything', async () => {
    const pid = await start('exit');
    for (const bad of ['1.5', 'abc', '-1']) {
      expect(await service(['stop', bad])).toEqual({ code: 2, stdout: '', stderr: `stop: the timeout must be whole seconds, got '${bad}'\n` });
    }
    expect(untouched(pid), `pid ${pid} was signalled`).toBe(true);
    expect(readPidfile()).toBe(`${pid}\n`);
  }, TEST_TIMEOUT);

  it('start fails, with the end of the log, when java cannot be run', async () => {
    const r = await service(['start'], 'missing');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kafka pid \d+ exited at once; the end of .*\/kafka\.out:\n.*\/no-jdk\/bin\/java: No such file or directory\n$/);
    expect(readPidfile()).toBeNull();
  }, TEST_TIMEOUT);

  const pidOf = (pid: number) => ({ text: `${pid}\n`, pid });
  // What a pidfile can name besides this service's JVM; `pid`, if any, must never be signalled.
  const stale: Array<[string, () => { text: string; pid: number | null }]> = [
    ['an unrelated process', () => pidOf(bystander('sleep', ['300']))],
    ['the main class with another config', () => pidOf(bystander(join(homes.exit, 'bin', 'java'), ['-cp', 'x', MAIN_CLASS, join(dir, 'other', 'server.properties')]))],
    ['the config under another main class', () => pidOf(bystander(join(homes.exit, 'bin', 'java'), ['-cp', 'x', 'kafka.admin.TopicCommand', config]))],
    ['the main class with a config whose path starts like ours', () => pidOf(bystander(join(homes.exit, 'bin', 'java'), ['-cp', 'x', MAIN_CLASS, `${config}.old`]))],
    ['the main class and config followed by more arguments', () => pidOf(bystander(join(homes.exit, 'bin', 'java'), ['-cp', 'x', MAIN_CLASS, config, '--override', 'x=y']))],
    ['garbage', () => ({ text: 'garbage\n', pid: null })],
    ['nothing (an empty file)', () => ({ text: '', pid: null })],
  ];

  function writeStale(make: () => { text: string; pid: number | null }): number | null {
    const { text, pid } = make();
    mkdirSync(join(dir, 'run'), { recursive: true });
    writeFileSync(pidfile, text);
    return pid;
  }

  it.each(stale)('status: a pidfile naming %s means stopped', async (_, make) => {
    const other = writeStale(make);
    expect(await service(['status'])).toEqual({ code: 3, stdout: 'stopped\n', stderr: '' });
    if (other !== null) expect(untouched(other), `pid ${other} was signalled`).toBe(true);
  }, TEST_TIMEOUT);

  it.each(stale)('stop: a pidfile naming %s is removed, nothing is signalled', async (_, make) => {
    const other = writeStale(make);
    expect(await service(['stop', '1'])).toEqual({ code: 0, stdout: 'kafka not running\n', stderr: '' });
    expect(readPidfile()).toBeNull();
    if (other !== null) expect(untouched(other), `pid ${other} was signalled`).toBe(true);
  }, TEST_TIMEOUT);

  it.each(stale)('start: a pidfile naming %s does not pass for the service, a new JVM starts', async (_, make) => {
    const other = writeStale(make);
    const pid = await start();
    expect(pid).not.toBe(other);
    expect(readPidfile()).toBe(`${pid}\n`);
    if (other !== null) expect(untouched(other), `pid ${other} was signalled`).toBe(true);
  }, TEST_TIMEOUT);
});

// The popularity job as a child process (scripts/popularity.ts), supervised like a service
// manager would: we know its pid because we started it, so kill-job can SIGKILL exactly it; an
// exit we did not ask for is recorded and the job restarted (same group and checkpoint folder,
// so it resumes from its checkpoints); stop() asks for a clean end (SIGTERM) and returns the
// job's final report. Each instance's stderr goes to its own log file (and to ours when live).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JobReport } from '../popularity/report.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface JobProcessOptions {
  /** arguments after `scripts/popularity.ts` (without --json / --report: added here) */
  args: string[];
  /** folder for report-<n>.json and job-<n>.log */
  dir: string;
  live?: boolean;
  maxRestarts?: number;
  log?: (line: string) => void;
}

export interface JobExit {
  instance: number;
  pid: number;
  code: number | null;
  signal: string | null;
  /** true when we asked for it (kill-job or stop) */
  requested: boolean;
  stderr_tail: string[];
}

export function jobArgv(args: string[], reportFile: string): string[] {
  return ['--import', 'tsx', 'scripts/popularity.ts', ...args, '--json', '--report', reportFile];
}

export class JobProcess {
  readonly exits: JobExit[] = [];
  private child?: ChildProcess;
  private instance = 0;
  private requested = false;
  private exited?: Promise<JobExit>;
  private tail: string[] = [];
  private logFile?: WriteStream;
  private lastStderr = '';
  private restartTimer?: NodeJS.Timeout;

  constructor(private readonly o: JobProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get instances(): number {
    return this.instance;
  }

  /** Partition -> offset the current instance resumed from a checkpoint at (from its log). */
  get resumedOffsets(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const m of this.lastStderr.matchAll(/^partition (\d+): resuming from checkpoint at offset (\d+)$/gm)) out[m[1]!] = Number(m[2]);
    return out;
  }

  /** True once the current instance was assigned partitions (it is consuming). */
  get assigned(): boolean {
    return /assigned partitions/.test(this.lastStderr);
  }

  private reportFile(n = this.instance): string {
    return join(this.o.dir, `report-${n}.json`);
  }

  start(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) throw new Error('the job is already running');
    this.instance++;
    this.requested = false;
    this.tail = [];
    this.lastStderr = '';
    const n = this.instance;
    this.logFile = createWriteStream(join(this.o.dir, `job-${n}.log`));
    const child = spawn(process.execPath, jobArgv(this.o.args, this.reportFile(n)), { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const logFile = this.logFile;
    child.stderr!.on('data', (d: Buffer) => {
      const text = d.toString();
      logFile.write(text);
      if (this.o.live) process.stderr.write(text);
      if (this.child === child) {
        this.lastStderr = (this.lastStderr + text).slice(-64_000);
        this.tail = [...this.tail, ...text.split('\n').filter((l) => l.trim() !== '')].slice(-30);
      }
    });
    // If this process ends without cleaning up (a signal, process.exit), the job must not outlive it.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    this.o.log?.(`job instance ${n} started (pid ${child.pid})`);
    this.exited = new Promise<JobExit>((resolve) => {
      child.once('exit', (code, signal) => {
        process.removeListener('exit', orphanGuard);
        const exit: JobExit = { instance: n, pid: child.pid ?? -1, code, signal, requested: this.requested, stderr_tail: this.tail };
        this.exits.push(exit);
        logFile.end();
        this.o.log?.(`job instance ${n} (pid ${exit.pid}) exited ${signal ?? `with code ${code}`}${exit.requested ? '' : ' unexpectedly'}`);
        if (!exit.requested) this.restartAfterCrash(exit);
        resolve(exit);
      });
    });
  }

  private restartAfterCrash(exit: JobExit): void {
    const unexpected = this.exits.filter((e) => !e.requested).length;
    if (unexpected > (this.o.maxRestarts ?? 5)) {
      this.o.log?.(`job crashed ${unexpected} times: not restarting it again; last lines:\n${exit.stderr_tail.join('\n')}`);
      return;
    }
    this.o.log?.(`restarting the job in 2 s (crash ${unexpected}); last lines:\n${exit.stderr_tail.slice(-5).join('\n')}`);
    this.restartTimer = setTimeout(() => this.start(), 2000);
  }

  /** SIGKILL to the pid we started; resolves once it is dead. */
  async kill(): Promise<JobExit> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error('the job is not running');
    this.requested = true;
    child.kill('SIGKILL');
    return this.exited!;
  }

  /** SIGTERM: final micro-batch, checkpoints, report; returns the report (rejects without one). */
  async stop(timeoutMs = 60_000): Promise<JobReport> {
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child) throw new Error('the job never started');
    if (child.exitCode === null && child.signalCode === null) {
      this.requested = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await this.exited!.finally(() => clearTimeout(timer));
    }
    const exit = this.exits.at(-1)!;
    const text = await readFile(this.reportFile(exit.instance), 'utf8').catch(() => null);
    if (text === null) throw new Error(`the job (instance ${exit.instance}) ended ${exit.signal ?? `with code ${exit.code}`} without a report; last lines:\n${exit.stderr_tail.join('\n')}`);
    return JSON.parse(text) as JobReport;
  }

  /** Makes sure no instance is left running (cleanup path). */
  async ensureDead(): Promise<void> {
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      this.requested = true;
      child.kill('SIGKILL');
      await this.exited;
    }
  }
}

// Resolves the distribution's jars with Maven from the committed dist/pom.xml. The argv is a
// pure function (tested as exact strings); the runner keeps Maven's chatter in a log file so
// stdout stays clean for --json, and quotes the log's errors when Maven fails.
import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { OperationError } from '../core/errors.js';

export interface MavenCopyOptions {
  pom: string;
  version: string;
  scala: string;
  /** the jars land here, named <artifactId>-<version>.jar as in Kafka's own tarball */
  outputDir: string;
}

export const MAVEN_BIN = 'mvn';

/** Every Maven run: no prompts, no progress bars, no colours (the log stays readable). */
export const MAVEN_BATCH = ['--batch-mode', '--no-transfer-progress', '-Dstyle.color=never'] as const;

/** The runtime dependency set of `pom`, with `properties` set, copied into `outputDir`. */
export function copyDependenciesArgs(pom: string, properties: Record<string, string>, outputDir: string): string[] {
  return [
    ...MAVEN_BATCH,
    '--file',
    pom,
    ...Object.entries(properties).map(([k, v]) => `-D${k}=${v}`),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outputDir}`,
  ];
}

export function mavenCopyArgs(o: MavenCopyOptions): string[] {
  return copyDependenciesArgs(o.pom, { 'kafka.version': o.version, 'scala.binary.version': o.scala }, o.outputDir);
}

// Maven's closing advice, the same on every failure.
const BOILERPLATE = /full stack trace|Re-run Maven|For more information about the errors|\[Help \d+\] http|After correcting the problems/;

/** The lines worth showing from a failed Maven run: its [ERROR] lines, else the first lines. */
export function mavenFailureExcerpt(log: string, maxLines = 15): string {
  const lines = log.split('\n').map((l) => l.trimEnd()).filter((l) => l.length > 0);
  const errors = lines.filter((l) => l.startsWith('[ERROR]') && l !== '[ERROR]' && !BOILERPLATE.test(l));
  return (errors.length > 0 ? errors : lines).slice(0, maxLines).join('\n');
}

export async function runMaven(args: string[], logFile: string): Promise<void> {
  const log = await open(logFile, 'w');
  const env = { ...process.env, MAVEN_OPTS: process.env.MAVEN_OPTS ?? '-Xmx384m' };
  let code: number | null;
  try {
    code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(MAVEN_BIN, args, { stdio: ['ignore', log.fd, log.fd], env });
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new OperationError(
      missing ? `${MAVEN_BIN} not found: source=maven needs Apache Maven (Debian: apt-get install maven)` : `cannot run ${MAVEN_BIN}: ${String(err)}`,
      { cause: err },
    );
  } finally {
    await log.close();
  }
  if (code !== 0) {
    const excerpt = mavenFailureExcerpt(await readFile(logFile, 'utf8'));
    throw new OperationError(`${MAVEN_BIN} ${args.join(' ')} exited with ${code}:\n${excerpt}\n(full log: ${logFile})`);
  }
}

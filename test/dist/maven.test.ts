import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../src/core/errors.js';
import { mavenCopyArgs, mavenFailureExcerpt, runMaven } from '../../src/dist/maven.js';

describe('maven', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('copies the runtime dependencies of dist/pom.xml for the asked version and scala', () => {
    expect(mavenCopyArgs({ pom: '/r/dist/pom.xml', version: '3.9.2', scala: '2.13', outputDir: '/w/kafka_2.13-3.9.2/libs' }).join(' ')).toBe(
      '--batch-mode --no-transfer-progress -Dstyle.color=never --file /r/dist/pom.xml ' +
        '-Dkafka.version=3.9.2 -Dscala.binary.version=2.13 dependency:copy-dependencies ' +
        '-DincludeScope=runtime -DoutputDirectory=/w/kafka_2.13-3.9.2/libs',
    );
  });

  it('quotes the [ERROR] lines of a failed run, else its tail', () => {
    const log = [
      '[INFO] Scanning',
      '[ERROR] Failed to execute goal: kafka_2.13:jar:3.9.9 was not found',
      '[ERROR] ',
      '[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.',
      '[ERROR] Re-run Maven using the -X switch to enable full debug logging.',
      '[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/DependencyResolutionException',
      '',
    ].join('\n');
    expect(mavenFailureExcerpt(log)).toBe('[ERROR] Failed to execute goal: kafka_2.13:jar:3.9.9 was not found');
    expect(mavenFailureExcerpt('a\nb\nc\n', 2)).toBe('a\nb');
  });

  it('fails with exit code 1, the errors and the log path when Maven fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'maven-'));
    dirs.push(dir);
    const log = join(dir, 'maven.log');
    const failure = runMaven(['--batch-mode', '--file', join(dir, 'missing-pom.xml'), 'validate'], log);
    await expect(failure).rejects.toBeInstanceOf(OperationError);
    await expect(failure).rejects.toThrow(/exited with 1:\n\[ERROR\] [\s\S]*Non-readable POM .*missing-pom\.xml[\s\S]*\(full log: .*maven\.log\)$/);
  });
});

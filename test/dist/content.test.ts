import { execFile } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runClassScript, toolsLogConfigText, versionFile } from '../../src/dist/content.js';
import { releaseOf } from '../../src/dist/release.js';
import { removeAll, tempDir } from './helpers.js';

const run = promisify(execFile);

describe('distribution content', () => {
  const dirs: string[] = [];
  afterAll(() => removeAll(dirs));

  it('records version, scala and the exact jar list in VERSION', () => {
    expect(versionFile({ version: '3.9.2', scala: '2.13' }, ['a-1.jar', 'b-2.jar'])).toBe(
      'kafka.version=3.9.2\nscala.version=2.13\nassembled.from=Maven Central (dist/pom.xml of kafka-cluster-provisioner)\nlibs=2\nlib=a-1.jar\nlib=b-2.jar\n',
    );
  });

  it('sends tool logs (warnings and up) to stderr, in the logging format of the release', () => {
    const log4j = toolsLogConfigText(releaseOf('3.9.2'));
    expect(log4j).toContain('log4j.rootLogger=WARN, stderr\n');
    expect(log4j).toContain('log4j.appender.stderr.Target=System.err\n');
    const log4j2 = toolsLogConfigText(releaseOf('4.4.0'));
    expect(log4j2).toContain('rootLogger.level = WARN\n');
    expect(log4j2).toContain('appender.stderr.target = SYSTEM_ERR\n');
    expect(versionFile({ version: '4.4.0', scala: '2.13' }, [])).toContain('(dist/pom-4.xml of');
  });

  async function launcher(version = '3.9.2'): Promise<{ script: string; base: string }> {
    const base = await tempDir('run-class-', dirs);
    await mkdir(join(base, 'bin'));
    const script = join(base, 'bin', 'kafka-run-class.sh');
    await writeFile(script, runClassScript(releaseOf(version)));
    await chmod(script, 0o755);
    return { script, base };
  }

  it('kafka-run-class.sh runs java with heap, tools log4j and libs/* before the class and its arguments', async () => {
    const { script, base } = await launcher();
    const fakeJava = join(base, 'fake-java');
    await writeFile(fakeJava, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
    await chmod(fakeJava, 0o755);
    const env = { PATH: process.env.PATH, JAVA: fakeJava };
    const argv = async (extra: Record<string, string>) =>
      (await run(script, ['org.example.Main', 'a b', '--x'], { env: { ...env, ...extra } })).stdout.split('\n').slice(0, -1);

    expect(await argv({})).toEqual([
      '-Xmx256m',
      '-cp',
      `${base}/libs/*`,
      `-Dlog4j.configuration=file:${base}/config/tools-log4j.properties`,
      'org.example.Main',
      'a b',
      '--x',
    ]);
    expect(await argv({ KAFKA_HEAP_OPTS: '-Xms1g -Xmx1g', KAFKA_JVM_OPTS: '-XX:+UseG1GC', KAFKA_LOG4J_OPTS: '-Dlog4j.configuration=file:/etc/kafka/log4j.properties' })).toEqual([
      '-Xms1g',
      '-Xmx1g',
      '-XX:+UseG1GC',
      '-Dlog4j.configuration=file:/etc/kafka/log4j.properties',
      '-cp',
      `${base}/libs/*`,
      'org.example.Main',
      'a b',
      '--x',
    ]);
  });

  it('the 4.x launcher points tools at the log4j2 config', async () => {
    const { script, base } = await launcher('4.4.0');
    const fakeJava = join(base, 'fake-java');
    await writeFile(fakeJava, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
    await chmod(fakeJava, 0o755);
    const { stdout } = await run(script, ['org.example.Main'], { env: { PATH: process.env.PATH, JAVA: fakeJava } });
    expect(stdout.split('\n')).toContain(`-Dlog4j2.configurationFile=${base}/config/tools-log4j2.properties`);
  });

  it('kafka-run-class.sh without a class prints its usage and exits 2', async () => {
    const { script } = await launcher();
    await expect(run(script, [])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage:') });
  });
});

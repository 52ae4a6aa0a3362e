import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jobBuildArgs, jobJarName, jobSourceKey, readJobSources } from '../../src/spark/job-build.js';

describe('jobBuildArgs', () => {
  it('packages the job without tests, quietly', () => {
    expect(jobBuildArgs({ pom: '/r/spark-job/pom.xml' }).join(' ')).toBe(
      '--batch-mode --no-transfer-progress -Dstyle.color=never --file /r/spark-job/pom.xml package -DskipTests',
    );
  });

  it('passes the local repository, the build folder and the Spark version when given', () => {
    expect(jobBuildArgs({ pom: '/r/spark-job/pom.xml', localRepo: '/m2', buildDir: '/r/.cache/popularity-spark-job-build', sparkVersion: '4.2.0' })).toEqual([
      '--batch-mode',
      '--no-transfer-progress',
      '-Dstyle.color=never',
      '--file',
      '/r/spark-job/pom.xml',
      '-Dmaven.repo.local=/m2',
      '-Djob.build.directory=/r/.cache/popularity-spark-job-build',
      '-Dspark.version=4.2.0',
      'package',
      '-DskipTests',
    ]);
  });
});

describe('jobSourceKey', () => {
  const files = [
    { path: 'pom.xml', content: '<project/>' },
    { path: 'src/main/java/io/kcp/popularity/PopularityJob.java', content: 'class PopularityJob {}' },
  ];

  it('is the first 16 hex digits of a sha256 over the files sorted by path', () => {
    // sha256('pom.xml\0' + '10\0' + '<project/>' + 'src/.../PopularityJob.java\0' + '22\0' + 'class PopularityJob {}')
    expect(jobSourceKey(files)).toBe('95cc2530ea577623');
    expect(jobSourceKey(files)).toMatch(/^[0-9a-f]{16}$/);
    expect(jobJarName(jobSourceKey(files))).toBe('popularity-spark-job-95cc2530ea577623.jar');
  });

  it('does not depend on the order given, or on strings vs bytes', () => {
    expect(jobSourceKey([...files].reverse())).toBe(jobSourceKey(files));
    expect(jobSourceKey(files.map((f) => ({ path: f.path, content: Buffer.from(f.content) })))).toBe(jobSourceKey(files));
  });

  it('changes when a file is edited, renamed, added or removed', () => {
    const key = jobSourceKey(files);
    const keys = [
      jobSourceKey([files[0]!, { ...files[1]!, content: 'class PopularityJob { }' }]),
      jobSourceKey([files[0]!, { ...files[1]!, path: 'src/main/java/io/kcp/popularity/Job.java' }]),
      jobSourceKey([...files, { path: 'src/main/java/io/kcp/popularity/Behaviour.java', content: '' }]),
      jobSourceKey([files[0]!]),
      // moving bytes between path and content must not collide
      jobSourceKey([{ path: 'pom.xml\u00000', content: '' }, files[1]!]),
    ];
    expect(new Set([key, ...keys]).size).toBe(keys.length + 1);
  });
});

describe('readJobSources', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('reads pom.xml and everything under src/, not target/', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kcp-spark-job-'));
    dirs.push(dir);
    await mkdir(join(dir, 'src/main/java/io/kcp'), { recursive: true });
    await mkdir(join(dir, 'target'), { recursive: true });
    await writeFile(join(dir, 'pom.xml'), '<project/>');
    await writeFile(join(dir, 'src/main/java/io/kcp/A.java'), 'class A {}');
    await writeFile(join(dir, 'target/junk.jar'), 'junk');
    const files = await readJobSources(dir);
    expect(files.map((f) => f.path).sort()).toEqual(['pom.xml', 'src/main/java/io/kcp/A.java']);
    expect(jobSourceKey(files)).toBe(jobSourceKey([
      { path: 'pom.xml', content: '<project/>' },
      { path: 'src/main/java/io/kcp/A.java', content: 'class A {}' },
    ]));
  });
});

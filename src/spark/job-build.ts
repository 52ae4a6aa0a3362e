// Builds the Spark page-popularity job (spark-job/, a Maven project) once and keeps the jar in the
// cache under a key of its sources: a changed pom.xml or source file means a new key, hence a
// rebuild; anything else reuses the cached jar. Maven writes into a build folder under the cache,
// never into spark-job/ (the pom's job.build.directory property), so the source tree stays clean.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { MAVEN_BATCH, runMaven } from '../dist/maven.js';

export const JOB_ARTIFACT = 'popularity-spark-job';
export const JOB_MAIN_CLASS = 'io.kcp.popularity.PopularityJob';

export interface JobBuildArgsOptions {
  pom: string;
  /** -Dmaven.repo.local: where Maven keeps downloaded artifacts (default ~/.m2/repository) */
  localRepo?: string;
  /** where Maven builds (the pom's job.build.directory; default spark-job/target) */
  buildDir?: string;
  /** -Dspark.version, else the pom's */
  sparkVersion?: string;
}

export function jobBuildArgs(o: JobBuildArgsOptions): string[] {
  return [
    ...MAVEN_BATCH,
    '--file',
    o.pom,
    ...(o.localRepo !== undefined ? [`-Dmaven.repo.local=${o.localRepo}`] : []),
    ...(o.buildDir !== undefined ? [`-Djob.build.directory=${o.buildDir}`] : []),
    ...(o.sparkVersion !== undefined ? [`-Dspark.version=${o.sparkVersion}`] : []),
    'package',
    '-DskipTests',
  ];
}

export interface SourceFile {
  /** relative to the job folder, '/'-separated */
  path: string;
  content: string | Uint8Array;
}

/**
 * The first 16 hex digits of a sha256 over the files sorted by path (each as path, NUL, length,
 * NUL, content): a renamed, added, removed or edited file changes it; the order given does not.
 */
export function jobSourceKey(files: readonly SourceFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const content = typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content;
    hash.update(`${f.path}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex').slice(0, 16);
}

export const jobJarName = (key: string) => `${JOB_ARTIFACT}-${key}.jar`;

/** pom.xml and every file under src/, as the key sees them. */
export async function readJobSources(sourceDir: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [{ path: 'pom.xml', content: await readFile(join(sourceDir, 'pom.xml')) }];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push({ path: relative(sourceDir, full).split(sep).join('/'), content: await readFile(full) });
    }
  };
  await walk(join(sourceDir, 'src'));
  return files;
}

export interface EnsureJobJarOptions {
  /** the Maven project: spark-job/ */
  sourceDir: string;
  /** e.g. .cache: the jar lands there as popularity-spark-job-<key>.jar */
  cacheDir: string;
  log?: (line: string) => void;
  localRepo?: string;
}

export interface JobJar {
  jar: string;
  key: string;
  /** false when the cached jar was reused */
  built: boolean;
}

const exists = (path: string) => stat(path).then(() => true, () => false);

export async function ensureJobJar(o: EnsureJobJarOptions): Promise<JobJar> {
  const log = o.log ?? (() => {});
  // Absolute: Maven resolves a relative build directory against the pom's folder, not ours.
  const sourceDir = resolve(o.sourceDir);
  const cacheDir = resolve(o.cacheDir);
  const key = jobSourceKey(await readJobSources(sourceDir));
  const jar = join(cacheDir, jobJarName(key));
  if (await exists(jar)) {
    log(`spark job: ${jar} is up to date`);
    return { jar, key, built: false };
  }
  await mkdir(cacheDir, { recursive: true });
  const buildDir = join(cacheDir, `${JOB_ARTIFACT}-build`);
  const logFile = join(cacheDir, `${JOB_ARTIFACT}-${key}.maven.log`);
  log(`spark job: building ${jar} with Maven (log: ${logFile})`);
  const started = Date.now();
  await runMaven(jobBuildArgs({ pom: join(sourceDir, 'pom.xml'), buildDir, localRepo: o.localRepo }), logFile);
  const partial = `${jar}.partial`;
  await copyFile(join(buildDir, `${JOB_ARTIFACT}.jar`), partial);
  await rename(partial, jar);
  log(`spark job: built ${jar} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { jar, key, built: true };
}

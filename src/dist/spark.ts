// The Spark distribution: spark_<scala>-<version>/{jars,RELEASE} assembled from Maven Central
// (dist/spark-pom.xml: spark-sql and spark-sql-kafka-0-10 with their runtime dependencies),
// packed deterministically and cached like Kafka's. jars/ is the class path of the master, the
// workers, the executors they launch (SPARK_HOME/jars) and spark-submit.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OperationError } from '../core/errors.js';
import { sparkDistName, type SparkSettings } from '../inventory/model.js';
import { cachedBuild, type DistInputs } from './cached-build.js';
import { DEFAULT_POM_DIR, distResultOf, type DistResult } from './index.js';
import { artifactOf, classpathProblems } from './libs.js';
import { copyDependenciesArgs, runMaven } from './maven.js';
import { sha512OfBytes } from './sha512.js';
import { createTarball } from './tarball.js';

/** Bump when the layout or the content files change: cached builds are then rebuilt. */
export const SPARK_RECIPE = 'spark-layout-1';
export const SPARK_POM = 'spark-pom.xml';

type Coordinates = Pick<SparkSettings, 'version' | 'scala'>;

export const sparkMavenArgs = (pom: string, spark: Coordinates, outputDir: string): string[] =>
  copyDependenciesArgs(pom, { 'spark.version': spark.version, 'scala.binary.version': spark.scala }, outputDir);

/** What must be in jars/ for the daemons, executors and the job to start, and what must not. */
export function sparkJarProblems(jars: string[], spark: Coordinates): string[] {
  const problems: string[] = [];
  for (const module of ['spark-core', 'spark-sql', 'spark-sql-kafka-0-10', 'spark-token-provider-kafka-0-10']) {
    const jar = `${module}_${spark.scala}-${spark.version}.jar`;
    if (!jars.includes(jar)) problems.push(`missing ${jar}`);
  }
  const artifacts = jars.map(artifactOf);
  for (const artifact of ['kafka-clients', 'log4j-core']) if (!artifacts.includes(artifact)) problems.push(`missing ${artifact}-*.jar`);
  return [...problems, ...classpathProblems(jars)];
}

/** RELEASE: which Spark this is and the exact jar set, as Spark's own tarballs name their build. */
export function sparkReleaseFile(spark: Coordinates, jars: string[]): string {
  return [
    `Spark ${spark.version} (Scala ${spark.scala}) assembled from Maven Central (dist/${SPARK_POM} of kafka-cluster-provisioner)`,
    `jars=${jars.length}`,
    ...jars.map((jar) => `jar=${jar}`),
    '',
  ].join('\n');
}

async function assemble(spark: Coordinates, pomDir: string, cacheDir: string, outFile: string, log: (line: string) => void): Promise<void> {
  const name = sparkDistName(spark);
  const workDir = await mkdtemp(join(cacheDir, `.build-${name}-`));
  const mavenLog = join(cacheDir, `${name}.maven.log`);
  log(`assembling ${name} from Maven Central (log: ${mavenLog}; about 290 MB the first time)`);
  try {
    const jarsDir = join(workDir, name, 'jars');
    await mkdir(jarsDir, { recursive: true });
    const pom = join(pomDir, SPARK_POM);
    await runMaven(sparkMavenArgs(pom, spark, jarsDir), mavenLog);
    const jars = (await readdir(jarsDir)).filter((f) => f.endsWith('.jar')).sort();
    const problems = sparkJarProblems(jars, spark);
    if (problems.length > 0) throw new OperationError(`the jars Maven resolved for ${name} are not a usable Spark:\n  ${problems.join('\n  ')}\n(pom: ${pom})`);
    await writeFile(join(workDir, name, 'RELEASE'), sparkReleaseFile(spark, jars));
    await createTarball(workDir, name, outFile);
    log(`packed ${jars.length} jars`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The Spark tarball in the cache folder, assembled only when the cache does not hold it for the same pom. */
export async function ensureSparkDistribution(spark: Coordinates, cacheDir: string, opts: { log?: (line: string) => void; force?: boolean; pomDir?: string } = {}): Promise<DistResult> {
  const pomDir = opts.pomDir ?? DEFAULT_POM_DIR;
  const name = sparkDistName(spark);
  const wanted: DistInputs = {
    name,
    version: spark.version,
    scala: spark.scala,
    source: 'maven',
    inputs: { recipe: SPARK_RECIPE, pom_sha512: sha512OfBytes(await readFile(join(pomDir, SPARK_POM))) },
  };
  const build = await cachedBuild({
    cacheDir,
    wanted,
    pinned: null,
    pinnedWhat: name,
    produce: (tmp) => assemble(spark, pomDir, cacheDir, tmp, opts.log ?? (() => {})),
    ...(opts.force === undefined ? {} : { force: opts.force }),
  });
  return distResultOf(build);
}

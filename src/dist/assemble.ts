// source=maven: lay out kafka_<scala>-<version>/{libs,bin,config,VERSION} in a private work
// folder from the jars Maven resolves, check the jar set, and pack it deterministically.
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OperationError } from '../core/errors.js';
import { distName, type KafkaSettings } from '../inventory/model.js';
import { runClassScript, toolsLogConfigText, versionFile } from './content.js';
import { libsProblems } from './libs.js';
import { mavenCopyArgs, runMaven } from './maven.js';
import { releaseOf } from './release.js';
import { createTarball } from './tarball.js';

/** Bump when the layout or the content files change: cached maven builds are then rebuilt. */
export const MAVEN_RECIPE = 'maven-layout-1';

export interface AssembleOptions {
  kafka: Pick<KafkaSettings, 'version' | 'scala'>;
  /** the dist/ folder holding the poms (the release picks one) */
  pomDir: string;
  /** empty private folder; the caller removes it */
  workDir: string;
  outFile: string;
  mavenLog: string;
}

export async function assembleFromMaven(o: AssembleOptions): Promise<{ jars: string[] }> {
  const name = distName(o.kafka);
  const top = join(o.workDir, name);
  const libs = join(top, 'libs');
  await mkdir(libs, { recursive: true });
  await mkdir(join(top, 'bin'));
  await mkdir(join(top, 'config'));

  const release = releaseOf(o.kafka.version);
  const pom = join(o.pomDir, release.pom);
  await runMaven(mavenCopyArgs({ pom, version: o.kafka.version, scala: o.kafka.scala, outputDir: libs }), o.mavenLog);
  const jars = (await readdir(libs)).filter((f) => f.endsWith('.jar')).sort();
  const problems = libsProblems(jars, o.kafka);
  if (problems.length > 0) {
    throw new OperationError(`the jars Maven resolved for ${name} are not a usable distribution:\n  ${problems.join('\n  ')}\n(pom: ${pom})`);
  }

  await writeFile(join(top, 'VERSION'), versionFile(o.kafka, jars));
  await writeFile(join(top, 'config', release.toolsLogConfig), toolsLogConfigText(release));
  const launcher = join(top, 'bin', 'kafka-run-class.sh');
  await writeFile(launcher, runClassScript(release));
  await chmod(launcher, 0o755);

  await createTarball(o.workDir, name, o.outFile);
  return { jars };
}

// ensureDistribution: the Kafka tarball in the cache folder, built (maven), downloaded (url)
// or copied (file) only when the cache does not already hold it for the same inputs.
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, OperationError } from '../core/errors.js';
import { distName, type KafkaSettings } from '../inventory/model.js';
import { assembleFromMaven, MAVEN_RECIPE } from './assemble.js';
import { downloadVerified } from './fetch-url.js';
import { cachedBuild, type DistInputs } from './cached-build.js';
import type { DistManifest } from './manifest.js';
import { releaseOf } from './release.js';
import { sha512OfBytes, sha512OfFile } from './sha512.js';
import { layoutProblems, listTarball } from './tarball.js';

/** The committed poms, one per release line (src/dist/release.ts picks one). */
export const DEFAULT_POM_DIR = fileURLToPath(new URL('../../dist', import.meta.url));
/** Where distributions and the metrics agent are built and kept: the repository's .cache/. */
export const DEFAULT_DIST_CACHE = fileURLToPath(new URL('../../.cache', import.meta.url));

export interface DistResult {
  path: string;
  sha512: string;
  source: KafkaSettings['source'];
  version: string;
  scala: string;
  /** true: nothing was built, downloaded or copied */
  cached: boolean;
  bytes: number;
}

/** What a cached build hands back: its tarball and the record of its bytes. */
export const distResultOf = (b: { path: string; manifest: DistManifest; cached: boolean }): DistResult => ({
  path: b.path,
  sha512: b.manifest.sha512,
  source: b.manifest.source,
  version: b.manifest.version,
  scala: b.manifest.scala,
  cached: b.cached,
  bytes: b.manifest.bytes,
});

export interface EnsureOptions {
  /** progress lines (stderr in the CLI) */
  log?: (line: string) => void;
  /** rebuild even when the cache matches */
  force?: boolean;
  /** the folder of the release poms (default dist/) */
  pomDir?: string;
}

export function checkSettings(kafka: KafkaSettings): void {
  const where = 'cluster.kafka';
  if (!/^\d+\.\d+\.\d+$/.test(kafka.version)) throw new InputError(`${where}.version: "${kafka.version}" is not a release like 3.9.1`);
  if (!/^\d+\.\d+$/.test(kafka.scala)) throw new InputError(`${where}.scala: "${kafka.scala}" is not a Scala binary version like 2.13`);
  if (kafka.source === 'url' && (!kafka.url || !kafka.sha512)) throw new InputError(`${where}: source url needs url and sha512`);
  if (kafka.source === 'file' && !kafka.file) throw new InputError(`${where}: source file needs file`);
}

async function inputsOf(kafka: KafkaSettings, pomDir: string): Promise<Record<string, string>> {
  switch (kafka.source) {
    case 'maven':
      return { recipe: MAVEN_RECIPE, pom_sha512: sha512OfBytes(await readFile(join(pomDir, releaseOf(kafka.version).pom))) };
    case 'url':
      return { url: kafka.url!, sha512: kafka.sha512! };
    case 'file': {
      const file = kafka.file!;
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw new InputError(`cluster.kafka.file: ${file} does not exist or is not a file`);
      return { file, file_sha512: await sha512OfFile(file) };
    }
  }
}

async function checkLayout(file: string, name: string, what: string): Promise<void> {
  const problems = layoutProblems(await listTarball(file), name);
  if (problems.length > 0) throw new OperationError(`${what} is not a ${name} distribution: ${problems.join('; ')}`);
}

async function produce(kafka: KafkaSettings, cacheDir: string, tmp: string, o: EnsureOptions & { pomDir: string }): Promise<void> {
  const name = distName(kafka);
  const log = o.log ?? (() => {});
  if (kafka.source === 'maven') {
    const workDir = await mkdtemp(join(cacheDir, `.build-${name}-`));
    const mavenLog = join(cacheDir, `${name}.maven.log`);
    log(`assembling ${name} from Maven Central (log: ${mavenLog})`);
    try {
      const { jars } = await assembleFromMaven({ kafka, pomDir: o.pomDir, workDir, outFile: tmp, mavenLog });
      log(`packed ${jars.length} jars`);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  } else if (kafka.source === 'url') {
    log(`downloading ${kafka.url}`);
    await downloadVerified(kafka.url!, kafka.sha512!, tmp);
    await checkLayout(tmp, name, kafka.url!);
  } else {
    log(`copying ${kafka.file}`);
    await copyFile(kafka.file!, tmp);
    await checkLayout(tmp, name, kafka.file!);
  }
}

export async function ensureDistribution(kafka: KafkaSettings, cacheDir: string, opts: EnsureOptions = {}): Promise<DistResult> {
  checkSettings(kafka);
  const pomDir = opts.pomDir ?? DEFAULT_POM_DIR;
  const name = distName(kafka);
  const wanted: DistInputs = { name, version: kafka.version, scala: kafka.scala, source: kafka.source, inputs: await inputsOf(kafka, pomDir) };
  const build = await cachedBuild({
    cacheDir,
    wanted,
    pinned: kafka.sha512,
    pinnedWhat: kafka.source === 'file' ? kafka.file! : `${name} (${kafka.source})`,
    produce: (tmp) => produce(kafka, cacheDir, tmp, { ...opts, pomDir }),
    ...(opts.force === undefined ? {} : { force: opts.force }),
  });
  return distResultOf(build);
}

// The Prometheus JMX exporter java agent, the way operators collect broker metrics: one jar from
// Maven Central, pinned by version and sha512 (the last release published there), kept in the
// distribution cache and put on every host that runs a broker or a controller.
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { withLock } from './lock.js';
import { MAVEN_BATCH, runMaven } from './maven.js';
import { assertSha512, sha512OfFile } from './sha512.js';

export interface JarArtifact {
  groupId: string;
  artifactId: string;
  version: string;
  /** the jar's sha512: anything else is refused */
  sha512: string;
}

export const METRICS_AGENT: JarArtifact = {
  groupId: 'io.prometheus.jmx',
  artifactId: 'jmx_prometheus_javaagent',
  version: '1.0.1',
  sha512: 'f81d876e8110cbabd4a9cb3fe1740ec2d896ec4bce5cb5049a2d74c40f43781418cea246f40e6afdfabbdf0e162cb837625f496dedcb76aebbba53b6ae7cacba',
};

export const agentJarName = (a: Pick<JarArtifact, 'artifactId' | 'version'> = METRICS_AGENT): string => `${a.artifactId}-${a.version}.jar`;

/** `mvn dependency:copy` of one artifact, without a pom (pure: tested as a string). */
export function mavenCopyArtifactArgs(a: Pick<JarArtifact, 'groupId' | 'artifactId' | 'version'>, outputDir: string): string[] {
  return [
    ...MAVEN_BATCH,
    'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
    `-Dartifact=${a.groupId}:${a.artifactId}:${a.version}:jar`,
    `-DoutputDirectory=${outputDir}`,
  ];
}

/** The agent jar in the cache folder: fetched once, verified against the pinned sha512 every time. */
export async function ensureMetricsAgent(cacheDir: string, log: (line: string) => void = () => {}, jar: JarArtifact = METRICS_AGENT): Promise<{ path: string; sha512: string }> {
  const name = agentJarName(jar);
  const path = join(cacheDir, name);
  return withLock(join(cacheDir, `${name}.lock`), async () => {
    const cached = await sha512OfFile(path).catch(() => null);
    if (cached === jar.sha512) return { path, sha512: cached };
    const workDir = await mkdtemp(join(cacheDir, `.build-${name}-`));
    try {
      const mavenLog = join(cacheDir, `${name}.maven.log`);
      log(`fetching ${jar.groupId}:${jar.artifactId}:${jar.version} from Maven Central (log: ${mavenLog})`);
      await runMaven(mavenCopyArtifactArgs(jar, workDir), mavenLog);
      const fetched = join(workDir, name);
      assertSha512(name, jar.sha512, await sha512OfFile(fetched));
      await rename(fetched, path);
      return { path, sha512: jar.sha512 };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
}

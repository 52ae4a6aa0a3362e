// Sanity of an assembled libs/ folder: what must be there for the broker, ZooKeeper and the
// tools to start, and what must not (a second slf4j binding, the Connect runtime we exclude).
import type { KafkaSettings } from '../inventory/model.js';
import { releaseOf } from './release.js';

/** slf4j backends; more than one on the classpath and slf4j picks one at random-ish. */
export const SLF4J_BINDINGS = ['slf4j-reload4j', 'slf4j-log4j12', 'slf4j-simple', 'slf4j-jdk14', 'logback-classic', 'log4j-slf4j-impl', 'log4j-slf4j2-impl'];

/** Pulled in by kafka-tools only for ConnectPluginPath and its REST tooling; excluded in the dist/ poms. */
export const EXCLUDED = ['connect-runtime', 'jetty-server', 'jersey-server', 'jackson-jaxrs-json-provider', 'jackson-jakarta-rs-json-provider'];

/** "zookeeper-3.8.4.jar" -> "zookeeper"; "kafka_2.13-3.9.2.jar" -> "kafka_2.13" */
export function artifactOf(jar: string): string {
  return jar.replace(/\.jar$/, '').replace(/-\d[^-]*(-[A-Za-z0-9.]+)*$/, '');
}

export function libsProblems(jars: string[], kafka: Pick<KafkaSettings, 'version' | 'scala'>): string[] {
  const problems: string[] = [];
  const artifacts = jars.map(artifactOf);
  const required = [
    `kafka_${kafka.scala}-${kafka.version}.jar`,
    `kafka-clients-${kafka.version}.jar`,
    `kafka-tools-${kafka.version}.jar`,
  ];
  for (const jar of required) if (!jars.includes(jar)) problems.push(`missing ${jar}`);
  for (const artifact of releaseOf(kafka.version).requiredArtifacts) {
    if (!artifacts.includes(artifact)) problems.push(`missing ${artifact}-*.jar`);
  }
  for (const artifact of EXCLUDED) if (artifacts.includes(artifact)) problems.push(`${artifact} should be excluded`);
  // metrics-core 2.x is yammer's, 4.x dropwizard's: different group, same artifactId
  return [...problems, ...classpathProblems(jars, ['metrics-core'])];
}

/**
 * What makes any jar set a bad class path: more than one slf4j binding (slf4j picks one), or two
 * versions of one artifact (whichever comes first wins, silently); `twice`: artifacts known to
 * come twice under one name from different groups.
 */
export function classpathProblems(jars: string[], twice: readonly string[] = []): string[] {
  const problems: string[] = [];
  const artifacts = jars.map(artifactOf);
  const bindings = artifacts.filter((a) => SLF4J_BINDINGS.includes(a));
  if (bindings.length > 1) problems.push(`more than one slf4j binding: ${bindings.join(', ')}`);
  const seen = new Map<string, string>();
  for (const [i, artifact] of artifacts.entries()) {
    const other = seen.get(artifact);
    if (other && !twice.includes(artifact)) problems.push(`two versions of ${artifact}: ${other}, ${jars[i]}`);
    seen.set(artifact, jars[i]!);
  }
  return problems;
}

// The files the maven-assembled distribution carries besides libs/: a VERSION record, a small
// launcher and the tools' log4j config. Pure text, so tests pin them exactly.
import type { KafkaSettings } from '../inventory/model.js';
import { loggingFlag, releaseOf, type Release } from './release.js';

type Coordinates = Pick<KafkaSettings, 'version' | 'scala'>;

/** Which Kafka this is and the exact jar set, for operators diffing two installs. */
export function versionFile(kafka: Coordinates, jars: string[]): string {
  return [
    `kafka.version=${kafka.version}`,
    `scala.version=${kafka.scala}`,
    `assembled.from=Maven Central (dist/${releaseOf(kafka.version).pom} of kafka-cluster-provisioner)`,
    `libs=${jars.length}`,
    ...jars.map((jar) => `lib=${jar}`),
    '',
  ].join('\n');
}

/**
 * bin/kafka-run-class.sh CLASS [ARGS...]: Kafka's launcher, reduced to what this distribution
 * needs. Tools log warnings to stderr by default; services get their own logging config.
 */
export function runClassScript(release: Pick<Release, 'logging' | 'toolsLogConfig'>): string {
  return `#!/bin/sh
# Runs a Java main class of this Kafka distribution: kafka-run-class.sh CLASS [ARGS...]
# Environment: JAVA (default: java), KAFKA_HEAP_OPTS (default: -Xmx256m), KAFKA_JVM_OPTS,
# KAFKA_LOG4J_OPTS (default: config/${release.toolsLogConfig}, warnings to stderr).
set -eu
if [ "$#" -lt 1 ]; then
  echo "usage: $0 CLASS [ARGS...]" >&2
  exit 2
fi
base=$(cd "$(dirname "$0")/.." && pwd -P)
log4j_opts=\${KAFKA_LOG4J_OPTS-}
if [ -z "$log4j_opts" ]; then
  set -- "${loggingFlag(release, '$base/config/' + release.toolsLogConfig)}" "$@"
fi
# Option variables are word-split on purpose: each holds several JVM flags.
exec "\${JAVA:-java}" \${KAFKA_HEAP_OPTS:--Xmx256m} \${KAFKA_JVM_OPTS-} $log4j_opts -cp "$base/libs/*" "$@"
`;
}

/** Command-line tools: warnings and errors to stderr, nothing else (stdout stays the tool's output). */
export function toolsLogConfigText(release: Pick<Release, 'logging'>): string {
  if (release.logging === 'log4j2') {
    return `# Command-line tools: warnings and errors to stderr, nothing else.
status = warn
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
`;
  }
  return `# Command-line tools: warnings and errors to stderr, nothing else.
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
`;
}

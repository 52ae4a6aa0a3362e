import { describe, expect, it } from 'vitest';
import { artifactOf, libsProblems } from '../../src/dist/libs.js';

// The jar set dist/pom.xml resolves for Kafka 3.9.2 / Scala 2.13 (measured).
const JARS_3_9_2 = `argparse4j-0.7.0.jar audience-annotations-0.12.0.jar caffeine-2.9.3.jar commons-beanutils-1.11.0.jar
commons-cli-1.4.jar commons-collections-3.2.2.jar commons-digester-2.1.jar commons-io-2.14.0.jar commons-logging-1.3.5.jar
commons-validator-1.10.1.jar error_prone_annotations-2.10.0.jar jackson-annotations-2.16.2.jar jackson-core-2.16.2.jar
jackson-databind-2.16.2.jar jackson-dataformat-csv-2.16.2.jar jackson-datatype-jdk8-2.16.2.jar jackson-module-scala_2.13-2.16.2.jar
jopt-simple-5.0.4.jar jose4j-0.9.6.jar kafka-clients-3.9.2.jar kafka-group-coordinator-3.9.2.jar kafka-group-coordinator-api-3.9.2.jar
kafka-metadata-3.9.2.jar kafka-raft-3.9.2.jar kafka-server-3.9.2.jar kafka-server-common-3.9.2.jar kafka-storage-3.9.2.jar
kafka-storage-api-3.9.2.jar kafka-tools-3.9.2.jar kafka-tools-api-3.9.2.jar kafka-transaction-coordinator-3.9.2.jar kafka_2.13-3.9.2.jar
lz4-java-1.10.1.jar metrics-core-2.2.0.jar metrics-core-4.1.12.1.jar netty-buffer-4.1.105.Final.jar netty-codec-4.1.105.Final.jar
netty-common-4.1.105.Final.jar netty-handler-4.1.105.Final.jar netty-resolver-4.1.105.Final.jar netty-transport-4.1.105.Final.jar
netty-transport-classes-epoll-4.1.105.Final.jar netty-transport-native-epoll-4.1.105.Final.jar
netty-transport-native-unix-common-4.1.105.Final.jar paranamer-2.8.jar pcollections-4.0.1.jar reload4j-1.2.25.jar
scala-collection-compat_2.13-2.10.0.jar scala-java8-compat_2.13-1.0.2.jar scala-library-2.13.15.jar scala-logging_2.13-3.9.5.jar
scala-reflect-2.13.15.jar slf4j-api-1.7.36.jar slf4j-reload4j-1.7.36.jar snappy-java-1.1.10.5.jar zookeeper-3.8.4.jar
zookeeper-jute-3.8.4.jar zstd-jni-1.5.6-4.jar`.split(/\s+/);
const K = { version: '3.9.2', scala: '2.13' };

// The jar set dist/pom-4.xml resolves for Kafka 4.4.0 / Scala 2.13 (measured): log4j2 with
// exactly one slf4j binding, no ZooKeeper.
const JARS_4_4_0 = `HdrHistogram-2.2.2 argparse4j-0.7.0 caffeine-3.2.0 commons-beanutils-1.11.0 commons-collections-3.2.2 commons-digester-2.1
commons-logging-1.3.5 commons-validator-1.10.1 hash4j-0.22.0 jackson-annotations-2.21 jackson-core-2.21.7 jackson-databind-2.21.7
jackson-dataformat-csv-2.21.7 jackson-dataformat-yaml-2.21.7 jackson-datatype-jdk8-2.21.7 jopt-simple-5.0.4 jose4j-0.9.6
jspecify-1.0.0 kafka-clients-4.4.0 kafka-coordinator-common-4.4.0 kafka-group-coordinator-4.4.0 kafka-group-coordinator-api-4.4.0
kafka-metadata-4.4.0 kafka-raft-4.4.0 kafka-server-4.4.0 kafka-server-common-4.4.0 kafka-share-coordinator-4.4.0
kafka-storage-4.4.0 kafka-storage-api-4.4.0 kafka-tools-4.4.0 kafka-tools-api-4.4.0 kafka-transaction-coordinator-4.4.0
kafka_2.13-4.4.0 log4j-api-2.25.5 log4j-core-2.25.5 log4j-slf4j-impl-2.25.5 lz4-java-1.11.2 metrics-core-2.2.0
pcollections-4.0.2 re2j-1.8 scala-library-2.13.18 scala-logging_2.13-3.9.6 scala-reflect-2.13.18 slf4j-api-1.7.36
snakeyaml-2.5 snappy-java-1.1.10.7 zstd-jni-1.5.7-17`.split(/\s+/).map((j) => `${j}.jar`);
const K4 = { version: '4.4.0', scala: '2.13' };

describe('libs', () => {
  it('names the artifact of a jar file', () => {
    expect(artifactOf('kafka_2.13-3.9.2.jar')).toBe('kafka_2.13');
    expect(artifactOf('zstd-jni-1.5.6-4.jar')).toBe('zstd-jni');
    expect(artifactOf('netty-transport-native-epoll-4.1.105.Final.jar')).toBe('netty-transport-native-epoll');
    expect(artifactOf('scala-collection-compat_2.13-2.10.0.jar')).toBe('scala-collection-compat_2.13');
    expect(artifactOf('slf4j-reload4j-1.7.36.jar')).toBe('slf4j-reload4j');
    expect(artifactOf('javassist-3.30.2-GA.jar')).toBe('javassist');
  });

  it('accepts the measured 3.9.2 jar set', () => {
    expect(JARS_3_9_2).toHaveLength(58);
    expect(libsProblems(JARS_3_9_2, K)).toEqual([]);
  });

  it('refuses a second slf4j binding, the Connect runtime, a missing broker/tools jar, two versions of a jar', () => {
    expect(libsProblems([...JARS_3_9_2, 'logback-classic-1.2.13.jar'], K)).toEqual(['more than one slf4j binding: slf4j-reload4j, logback-classic']);
    expect(libsProblems([...JARS_3_9_2, 'connect-runtime-3.9.2.jar'], K)).toEqual(['connect-runtime should be excluded']);
    expect(libsProblems(JARS_3_9_2.filter((j) => !j.startsWith('kafka-tools-3')), K)).toEqual(['missing kafka-tools-3.9.2.jar']);
    expect(libsProblems(JARS_3_9_2.filter((j) => !j.startsWith('reload4j')), K)).toEqual(['missing reload4j-*.jar']);
    expect(libsProblems([...JARS_3_9_2, 'zookeeper-3.8.3.jar'], K)).toEqual(['two versions of zookeeper: zookeeper-3.8.4.jar, zookeeper-3.8.3.jar']);
    expect(libsProblems([...JARS_3_9_2, 'jackson-jakarta-rs-json-provider-2.21.7.jar'], K)).toEqual(['jackson-jakarta-rs-json-provider should be excluded']);
    expect(libsProblems(JARS_3_9_2, { version: '3.9.1', scala: '2.13' })).toEqual([
      'missing kafka_2.13-3.9.1.jar',
      'missing kafka-clients-3.9.1.jar',
      'missing kafka-tools-3.9.1.jar',
    ]);
  });

  it('accepts the measured 4.4.0 jar set, and wants log4j2 (not reload4j) there', () => {
    expect(JARS_4_4_0).toHaveLength(47);
    expect(libsProblems(JARS_4_4_0, K4)).toEqual([]);
    expect(libsProblems(JARS_4_4_0.filter((j) => !j.startsWith('log4j-core')), K4)).toEqual(['missing log4j-core-*.jar']);
    expect(libsProblems([...JARS_4_4_0, 'slf4j-reload4j-1.7.36.jar'], K4)).toEqual(['more than one slf4j binding: log4j-slf4j-impl, slf4j-reload4j']);
    // a 3.x jar set is not a 4.x distribution
    expect(libsProblems(JARS_3_9_2, K4)).toContain('missing log4j-core-*.jar');
  });
});

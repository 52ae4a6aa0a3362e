import { describe, expect, it } from 'vitest';
import { sparkJarProblems, sparkMavenArgs, sparkReleaseFile } from '../../src/dist/spark.js';

const spark = { version: '4.2.0', scala: '2.13' };
const complete = [
  'spark-core_2.13-4.2.0.jar', 'spark-sql_2.13-4.2.0.jar', 'spark-sql-kafka-0-10_2.13-4.2.0.jar', 'spark-token-provider-kafka-0-10_2.13-4.2.0.jar',
  'kafka-clients-3.9.1.jar', 'log4j-core-2.24.3.jar', 'log4j-slf4j2-impl-2.24.3.jar', 'slf4j-api-2.0.17.jar',
];

describe('the Spark distribution', () => {
  it('asks Maven for the runtime jars of dist/spark-pom.xml at the inventory version', () => {
    expect(sparkMavenArgs('/repo/dist/spark-pom.xml', spark, '/w/spark_2.13-4.2.0/jars').join(' ')).toBe(
      '--batch-mode --no-transfer-progress -Dstyle.color=never --file /repo/dist/spark-pom.xml -Dspark.version=4.2.0 -Dscala.binary.version=2.13 dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/w/spark_2.13-4.2.0/jars',
    );
  });

  it('refuses a jar set without the daemons, the Kafka source or logging, or with two versions of a jar', () => {
    expect(sparkJarProblems(complete, spark)).toEqual([]);
    expect(sparkJarProblems(complete.filter((j) => !j.startsWith('spark-sql-kafka') && !j.startsWith('log4j-core')), spark)).toEqual([
      'missing spark-sql-kafka-0-10_2.13-4.2.0.jar', 'missing log4j-core-*.jar',
    ]);
    expect(sparkJarProblems([...complete, 'kafka-clients-3.8.0.jar'], spark)).toEqual(['two versions of kafka-clients: kafka-clients-3.9.1.jar, kafka-clients-3.8.0.jar']);
    expect(sparkJarProblems([...complete, 'slf4j-reload4j-1.7.36.jar'], spark)).toEqual(['more than one slf4j binding: log4j-slf4j2-impl, slf4j-reload4j']);
  });

  it('records the exact jar set in RELEASE', () => {
    expect(sparkReleaseFile(spark, ['a-1.jar', 'b-2.jar'])).toBe(
      'Spark 4.2.0 (Scala 2.13) assembled from Maven Central (dist/spark-pom.xml of kafka-cluster-provisioner)\njars=2\njar=a-1.jar\njar=b-2.jar\n',
    );
  });
});

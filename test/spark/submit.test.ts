import { describe, expect, it } from 'vitest';
import { SPARK_JAVA_MODULE_OPTIONS } from '../../src/spark/java-modules.js';
import { popularityJobArgs, submitArgv } from '../../src/spark/submit.js';

const MODULE_OPTIONS =
  '-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector ' +
  '--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED ' +
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED ' +
  '--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED ' +
  '--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED ' +
  '--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED ' +
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED ' +
  '--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED ' +
  '--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED ' +
  '-Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.type=pooled ' +
  '-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE ' +
  '--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED';

describe('javaModuleOptions', () => {
  it("is Spark 4.2.0's JavaModuleOptions.DEFAULT_MODULE_OPTIONS, in its order", () => {
    expect([...SPARK_JAVA_MODULE_OPTIONS].join(' ')).toBe(MODULE_OPTIONS);
    expect([...SPARK_JAVA_MODULE_OPTIONS]).toHaveLength(22);
    expect([...SPARK_JAVA_MODULE_OPTIONS][0]).toBe('-XX:+IgnoreUnrecognizedVMOptions'); // before the options Java 17 does not know
  });

  it('hands out a copy: the constant cannot be changed', () => {
    const opts = [...SPARK_JAVA_MODULE_OPTIONS];
    opts.pop();
    expect(SPARK_JAVA_MODULE_OPTIONS).toHaveLength(22);
    expect(Object.isFrozen(SPARK_JAVA_MODULE_OPTIONS)).toBe(true);
  });
});

describe('submitArgv', () => {
  const base = {
    java: '/usr/bin/java',
    sparkHome: '/opt/spark',
    master: 'spark://10.0.0.5:7077',
    jobJar: '/opt/jobs/popularity-spark-job-95cc2530ea577623.jar',
    mainClass: 'io.kcp.popularity.PopularityJob',
    driverHost: '10.0.0.9',
    driverMemory: '512m',
    executorMemory: '512m',
    executorCores: 1,
    totalCores: 2,
    jobArgs: ['--bootstrap', '10.0.0.1:9092,10.0.0.2:9092', '--topic', 'behaviour', '--checkpoint', '/var/lib/popularity'],
  };

  it('runs SparkSubmit in client mode in a java with the module options; executors get theirs from SparkContext', () => {
    expect(submitArgv(base).join(' ')).toBe(
      `/usr/bin/java ${MODULE_OPTIONS} -Xmx512m -cp /opt/spark/jars/* org.apache.spark.deploy.SparkSubmit ` +
        '--master spark://10.0.0.5:7077 --deploy-mode client --class io.kcp.popularity.PopularityJob ' +
        '--conf spark.driver.host=10.0.0.9 --conf spark.driver.memory=512m --conf spark.executor.memory=512m ' +
        '--conf spark.executor.cores=1 --conf spark.cores.max=2 ' +
        '/opt/jobs/popularity-spark-job-95cc2530ea577623.jar ' +
        '--bootstrap 10.0.0.1:9092,10.0.0.2:9092 --topic behaviour --checkpoint /var/lib/popularity',
    );
    expect(submitArgv(base).some((a) => a.startsWith('spark.executor.extraJavaOptions'))).toBe(false);
  });

  it('adds the extra --conf settings sorted by key, each as one argument', () => {
    const argv = submitArgv({ ...base, master: 'local[2]', conf: { 'spark.ui.port': '24040', 'spark.local.dir': '/tmp/spark work' } });
    expect(argv.slice(argv.indexOf('org.apache.spark.deploy.SparkSubmit'))).toEqual([
      'org.apache.spark.deploy.SparkSubmit',
      '--master', 'local[2]',
      '--deploy-mode', 'client',
      '--class', 'io.kcp.popularity.PopularityJob',
      '--conf', 'spark.driver.host=10.0.0.9',
      '--conf', 'spark.driver.memory=512m',
      '--conf', 'spark.executor.memory=512m',
      '--conf', 'spark.executor.cores=1',
      '--conf', 'spark.cores.max=2',
      '--conf', 'spark.local.dir=/tmp/spark work',
      '--conf', 'spark.ui.port=24040',
      '/opt/jobs/popularity-spark-job-95cc2530ea577623.jar',
      ...base.jobArgs,
    ]);
  });
});

describe('popularityJobArgs', () => {
  it('writes the required arguments, then only the options given', () => {
    expect(popularityJobArgs({ bootstrap: 'h:9092', topic: 't', checkpoint: '/c' }).join(' ')).toBe('--bootstrap h:9092 --topic t --checkpoint /c');
    expect(
      popularityJobArgs({
        bootstrap: 'h:9092', topic: 't', checkpoint: '/c', outputTopic: 'o', dlqTopic: 'd', triggerMs: 500,
        startingOffsets: 'latest', shufflePartitions: 4, maxOffsetsPerTrigger: 10000, kafkaConfig: '/run/k.properties',
      }).join(' '),
    ).toBe('--bootstrap h:9092 --topic t --checkpoint /c --output-topic o --dlq-topic d --trigger-ms 500 --starting-offsets latest --shuffle-partitions 4 --max-offsets-per-trigger 10000 --kafka-config /run/k.properties');
  });
});


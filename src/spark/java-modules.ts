// The JVM options Spark's own launcher (spark-class, spark-submit) adds on Java 17 and later.
// Our launch scripts (master, worker) and the driver's command run java directly, so they pass
// the same list.

/**
 * The JVM options Spark's launcher puts on a daemon's or the driver's command line: copied exactly from
 * org.apache.spark.launcher.JavaModuleOptions.DEFAULT_MODULE_OPTIONS in Spark 4.2.0 (read with
 * javap -c from spark-launcher_2.13-4.2.0.jar, Maven Central; source:
 * launcher/src/main/java/org/apache/spark/launcher/JavaModuleOptions.java in apache/spark).
 * -XX:+IgnoreUnrecognizedVMOptions comes first so that Java 17 accepts the later Java 24 option
 * --sun-misc-unsafe-memory-access. Executors need the same options, but SparkContext adds them
 * itself (SparkContext.supplementJavaModuleOptions prepends defaultModuleOptions() to
 * spark.driver.extraJavaOptions and spark.executor.extraJavaOptions), so only the JVMs started
 * here without the launcher (driver, master, workers) need them on their command lines.
 */
export const SPARK_JAVA_MODULE_OPTIONS: readonly string[] = Object.freeze([
  '-XX:+IgnoreUnrecognizedVMOptions',
  '--add-modules=jdk.incubator.vector',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.invoke=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.net=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED',
  '--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.cs=ALL-UNNAMED',
  '--add-opens=java.base/sun.security.action=ALL-UNNAMED',
  '--add-opens=java.base/sun.util.calendar=ALL-UNNAMED',
  '--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dio.netty.allocator.type=pooled',
  '-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE',
  '--sun-misc-unsafe-memory-access=allow',
  '--enable-native-access=ALL-UNNAMED',
]);


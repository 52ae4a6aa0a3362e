// The spark-submit command line for the page-popularity job, as a plain java argv (no
// bin/spark-submit shell scripts needed: the cluster's Spark distribution is just its jars/).
// Pure builders, tested as exact strings.
import { SPARK_JAVA_MODULE_OPTIONS } from './java-modules.js';


export interface SubmitOptions {
  /** the java binary */
  java: string;
  /** a Spark distribution: its jars/ is the driver's classpath */
  sparkHome: string;
  /** spark://HOST:7077, or local[N] */
  master: string;
  jobJar: string;
  mainClass: string;
  /** the address executors reach the driver at */
  driverHost: string;
  /** JVM size, e.g. 512m: the driver's -Xmx (client mode: the driver is this JVM) */
  driverMemory: string;
  executorMemory: string;
  executorCores: number;
  /** spark.cores.max: the cores the application takes from the cluster */
  totalCores: number;
  /** more --conf settings, written sorted by key after the ones above */
  conf?: Record<string, string>;
  jobArgs: readonly string[];
}

export function submitArgv(o: SubmitOptions): string[] {
  const conf: [string, string][] = [
    ['spark.driver.host', o.driverHost],
    ['spark.driver.memory', o.driverMemory],
    ['spark.executor.memory', o.executorMemory],
    ['spark.executor.cores', String(o.executorCores)],
    ['spark.cores.max', String(o.totalCores)],
    ...Object.entries(o.conf ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ];
  return [
    o.java,
    ...SPARK_JAVA_MODULE_OPTIONS,
    `-Xmx${o.driverMemory}`,
    '-cp',
    `${o.sparkHome}/jars/*`,
    'org.apache.spark.deploy.SparkSubmit',
    '--master',
    o.master,
    '--deploy-mode',
    'client',
    '--class',
    o.mainClass,
    ...conf.flatMap(([k, v]) => ['--conf', `${k}=${v}`]),
    o.jobJar,
    ...o.jobArgs,
  ];
}

/** The popularity job's own arguments (see PopularityJob.parseArgs); unset ones take the job's defaults. */
export interface PopularityJobArgs {
  bootstrap: string;
  topic: string;
  checkpoint: string;
  outputTopic?: string;
  dlqTopic?: string;
  triggerMs?: number;
  startingOffsets?: 'earliest' | 'latest';
  shufflePartitions?: number;
  maxOffsetsPerTrigger?: number;
  /** a secured cluster: the Kafka client settings file on the driver's host */
  kafkaConfig?: string;
}

export function popularityJobArgs(a: PopularityJobArgs): string[] {
  const opt = (flag: string, v: string | number | undefined) => (v === undefined ? [] : [flag, String(v)]);
  return [
    '--bootstrap', a.bootstrap,
    '--topic', a.topic,
    '--checkpoint', a.checkpoint,
    ...opt('--output-topic', a.outputTopic),
    ...opt('--dlq-topic', a.dlqTopic),
    ...opt('--trigger-ms', a.triggerMs),
    ...opt('--starting-offsets', a.startingOffsets),
    ...opt('--shuffle-partitions', a.shufflePartitions),
    ...opt('--max-offsets-per-trigger', a.maxOffsetsPerTrigger),
    ...opt('--kafka-config', a.kafkaConfig),
  ];
}

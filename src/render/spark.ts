// A Spark standalone daemon (master or worker) as files: its spark-defaults.conf, its log4j2
// config, and the options its launch script passes (host, ports, cores, memory; then
// `--properties-file` and the config as the last argument, which is how the facts and the script
// recognise the process, as they do Kafka's). The master keeps its
// state in FILESYSTEM recovery mode, so a rolling restart of the master loses no worker or
// application; workers clean up the work folders of finished applications.
import type { Cluster, Process } from '../inventory/model.js';
import { layout, servicePaths } from './layout.js';

export type SparkService = 'spark-master' | 'spark-worker';

/** spark-defaults.conf of the daemon: what the daemon reads from its --properties-file. */
export function sparkDaemonSettings(cluster: Cluster, service: SparkService): Record<string, string> {
  if (service === 'spark-master') {
    return {
      'spark.deploy.recoveryMode': 'FILESYSTEM',
      'spark.deploy.recoveryDirectory': servicePaths('spark-master').dataDir,
      // the REST submission server listens on 6066 with no authentication: jobs are submitted over RPC
      'spark.master.rest.enabled': 'false',
      'spark.deploy.retainedApplications': '20',
      'spark.deploy.retainedDrivers': '20',
    };
  }
  return {
    'spark.worker.cleanup.enabled': 'true',
    'spark.worker.cleanup.appDataTtl': String(7 * 24 * 3600),
    'spark.worker.ui.retainedExecutors': '20',
    'spark.worker.ui.retainedDrivers': '20',
  };
}

/** The daemon's options between its main class and its config (the script adds the config last). */
export function sparkDaemonOptions(cluster: Cluster, p: Process): string[] {
  const { spark } = cluster;
  const paths = servicePaths(p.service);
  if (p.service === 'spark-master') {
    return ['--host', p.host.name, '--port', String(spark.masterPort), '--webui-port', String(spark.webuiPort), '--properties-file'];
  }
  if (cluster.sparkMasterUrl === null) throw new Error(`${p.name}: a Spark worker needs a master in the inventory`);
  return [
    cluster.sparkMasterUrl,
    '--host', p.host.name,
    '--port', String(spark.workerPort),
    '--webui-port', String(spark.workerWebuiPort),
    '--cores', String(spark.workerCores),
    '--memory', spark.workerMemory,
    '--work-dir', paths.dataDir,
    '--properties-file',
  ];
}

/**
 * SPARK_HOME must name a folder whose jars/ is the class path and SPARK_SCALA_VERSION be set, or
 * the worker cannot build an executor's command ("Cannot find any build directories").
 */
export const sparkEnvironment = (cluster: Cluster): string[] => [`SPARK_HOME=${layout.sparkHome}`, `SPARK_SCALA_VERSION=${cluster.spark.scala}`];

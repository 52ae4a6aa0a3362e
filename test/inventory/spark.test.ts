// Spark roles in the inventory: the shipped inventory.spark.yaml, and the located errors of a
// standalone cluster (one master; workers need it; ports on a host).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { expectProblem, replaceLine } from '../support/inventory-text.js';

const FILE = 'inventory.yaml';
const sparkText = readFileSync(join(import.meta.dirname, '..', '..', 'inventory.spark.yaml'), 'utf8');

describe('the shipped Spark inventory', () => {
  it('ZooKeeper and brokers as the default inventory, a master on the first host and a worker on each', () => {
    const { cluster, warnings } = parseInventory(FILE, sparkText);
    expect(warnings).toEqual([]);
    expect(cluster.security).toBe('secure');
    expect(cluster.processes.map((p) => `${p.name}:${p.id}`)).toEqual([
      'spark01/zookeeper:1', 'spark01/kafka:0', 'spark01/spark-master:0', 'spark01/spark-worker:1',
      'spark02/zookeeper:2', 'spark02/kafka:1', 'spark02/spark-worker:2',
      'spark03/zookeeper:3', 'spark03/kafka:2', 'spark03/spark-worker:3',
    ]);
    expect(cluster.sparkMasterUrl).toBe('spark://spark01:7077');
    expect(cluster.spark).toMatchObject({ version: '4.2.0', scala: '2.13', workerCores: 1, workerMemory: '1g', checkpointDir: '/srv/kcp-shared/spark-checkpoints' });
  });

  it('an inventory without Spark roles has no Spark process and no master URL', () => {
    const { cluster } = parseInventory(FILE, sparkText.replaceAll(/^\s+spark_(master|worker): true.*\n/gm, ''));
    expect(cluster.processes.some((p) => p.service.startsWith('spark'))).toBe(false);
    expect(cluster.sparkMasterUrl).toBeNull();
  });
});

describe('Spark errors are located and named', () => {
  it('a second master', () => {
    const text = replaceLine(sparkText, 'spark_worker: true', '    spark_worker: true\n    spark_master: true # second', 2);
    expectProblem(text, 'spark_master: true # second', 'hosts[1].spark_master', /a second Spark master \(already hosts\[0\], spark01\): a standalone cluster has one master/);
  });

  it('workers without a master', () => {
    const text = replaceLine(sparkText, 'spark_master: true', '');
    expectProblem(text, 'spark_worker: true', 'hosts[0].spark_worker', /a Spark worker needs a master/);
  });

  it('a Spark port that clashes with a broker port on the same host', () => {
    const text = replaceLine(sparkText, 'worker_webui_port: 8081', '    worker_webui_port: 9092');
    expectProblem(text, 'worker_webui_port: 9092', 'cluster.spark.worker_webui_port', /port 9092 clashes with cluster\.broker\.port on host spark01/);
  });

  it('a checkpoint folder that is not absolute, a store Spark cannot reach, and a Spark 3 version', () => {
    expectProblem(replaceLine(sparkText, 'checkpoint_dir:', '    checkpoint_dir: checkpoints'), 'checkpoint_dir: checkpoints', 'cluster.spark.checkpoint_dir', /"checkpoints" is neither an absolute path nor a URL/);
    expectProblem(replaceLine(sparkText, 'checkpoint_dir:', '    checkpoint_dir: s3a://bucket/ckpt'), 'checkpoint_dir: s3a', 'cluster.spark.checkpoint_dir', /the scheme s3a: is not supported/);
    expectProblem(replaceLine(sparkText, 'version: "4.2.0"', '    version: "3.5.1"'), 'version: "3.5.1"', 'cluster.spark.version', /must be a Spark 4\.x release/);
  });
});

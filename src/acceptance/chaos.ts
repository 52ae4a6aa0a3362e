// Injecting and healing one fault while the producer keeps sending and the job keeps counting.
//   kill-broker: SIGKILL of the broker JVM leading partition 0 (pidfile checked against its
//                command line, over SSH); after the hold, start-cluster (idempotent) starts it.
//   kill-host:   power cut of that broker's lab host (its ZooKeeper dies too, and its Spark
//                daemons, executors and driver); after the hold the host boots again,
//                start-cluster brings its services back and a dead Spark driver is resubmitted.
//   partition:   that host is cut off the lab network for the hold, then healed; start-cluster
//                then only confirms every broker is registered again.
//   kill-job / kill-driver: SIGKILL of the job's process (the TypeScript job we started, or
//                the Spark driver) once it saved progress; after the hold it is started again
//                from the same checkpoint and must resume exactly.
//   kill-executor: SIGKILL of a Spark executor (a child of the worker on partition 0's leader's
//                host); Spark retries its tasks and the master gives the job a new executor.
//   kill-controller: SIGKILL of the active controller's JVM (KRaft: the quorum leader; ZooKeeper
//                mode: the broker elected controller); after the hold, start-cluster.
// Host and broker faults end with a gate: every replica of the topic back in sync.
import type { Ctx } from '../cluster/context.js';
import { startCluster } from '../cluster/lifecycle.js';
import { quorumOf } from '../cluster/quorum/index.js';
import type { Cluster } from '../inventory/model.js';
import type { KafkaAdminPort } from '../kafka/index.js';
import { injectFault } from '../lab/faults.js';
import { poll } from '../core/poll.js';
import { killExecutorCommand } from '../spark/executor.js';
import type { SparkApp } from '../spark/master-state.js';
import { readSparkMaster } from '../cluster/spark.js';
import { pickBrokerTarget, pickControllerTarget, type ChaosMode, type ChaosRecord } from './chaos-mode.js';
import type { JobEngine } from './engine.js';
import { killServiceCommand, parseKilledPid } from './kill-command.js';

export const RECOVERY_DEADLINE_MS = 180_000;

export interface ChaosEnv {
  cluster: Cluster;
  ctx: () => Ctx;
  admin: KafkaAdminPort;
  topic: string;
  job: JobEngine;
  holdMs: number;
  /** ms since production started */
  clock: () => number;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs the whole fault (inject, hold, heal, recover) and fills `record` as it goes. */
export async function runChaos(mode: ChaosMode, env: ChaosEnv, record: ChaosRecord): Promise<void> {
  const step = (s: string) => {
    record.steps.push(s);
    env.log(`chaos: ${s}`);
  };
  const injectedAt = () => {
    record.injected_at_ms = env.clock();
    record.held_ms = env.holdMs;
  };
  const healed = () => (record.healed_after_ms = env.clock() - record.injected_at_ms!);
  try {
    if (mode === 'kill-job' || mode === 'kill-driver') {
      record.target = env.job.name === 'spark' ? `Spark driver pid ${env.job.pid}` : `job pid ${env.job.pid}`;
      record.role = env.job.name === 'spark' ? "the Spark job's driver, on the master's host" : 'the popularity job, a child process of this run';
      const killed = await env.job.crash();
      injectedAt();
      step(killed);
      await sleep(env.holdMs);
      step(await env.job.resume());
      healed();
      return;
    }
    if (mode === 'kill-controller') {
      const quorum = quorumOf(env.cluster);
      const state = await quorum.read(env.ctx());
      const target = pickControllerTarget(env.cluster, await quorum.activeController(env.ctx(), state));
      record.target = `${target.host}/${target.service}`;
      record.role = target.role;
      const session = await env.ctx().sessions.session(target.host);
      injectedAt();
      const { stdout } = await session.exec(killServiceCommand(target.service), { describe: `SIGKILL ${target.service}`, timeoutMs: 90_000 });
      step(`SIGKILL to ${target.role}: ${target.service} JVM pid ${parseKilledPid(stdout)} on ${target.host}`);
      await sleep(env.holdMs);
      return await recover(env, record, step);
    }
    const [described] = await env.admin.describeTopics([env.topic]);
    const quorum = quorumOf(env.cluster);
    const controller = await quorum.activeController(env.ctx(), await quorum.read(env.ctx()));
    const target = pickBrokerTarget(env.cluster, described!, controller);
    record.role = target.role;
    if (mode === 'kill-executor') {
      record.target = `a Spark executor on ${target.host}`;
      record.role = `an executor of the job, launched by the Spark worker on ${target.host} (${target.role})`;
      const session = await env.ctx().sessions.session(target.host);
      const app = (await readSparkMaster(env.ctx())).activeApps[0];
      if (!app) throw new Error('the Spark master lists no running application');
      // the worker launches its executor once the master grants the job its cores: wait for it
      const killed = await poll(() => session.exec(killExecutorCommand(), { describe: 'SIGKILL a Spark executor', timeoutMs: 30_000, check: false }), {
        deadlineMs: 60_000, intervalMs: 500, describe: `an executor of the job on ${target.host}`, until: (r) => r.code === 0, show: (r) => r.stderr.trim(),
      });
      injectedAt();
      step(`SIGKILL to Spark executor pid ${parseKilledPid(killed.stdout)} on ${target.host} (the job held ${app.cores} cores)`);
      await waitExecutorsBack(env, app);
      healed();
      step('the master has given the job its cores again');
      return;
    }
    if (mode === 'kill-broker') {
      record.target = `broker ${target.brokerId} (${target.host})`;
      const session = await env.ctx().sessions.session(target.host);
      injectedAt();
      const { stdout } = await session.exec(killServiceCommand('kafka'), { describe: 'SIGKILL kafka', timeoutMs: 90_000 });
      step(`SIGKILL to broker ${target.brokerId} JVM pid ${parseKilledPid(stdout)} on ${target.host}`);
      await sleep(env.holdMs);
    } else if (mode === 'kill-host') {
      record.target = target.host;
      injectedAt();
      const r = await injectFault(env.cluster, 'kill', target.host);
      const victims = env.cluster.processes.filter((p) => p.host.name === target.host).map((p) => p.name).join(', ');
      step(`power cut of ${target.host} (${r.killed} processes died, ${victims} among them)`);
      await sleep(env.holdMs);
      await injectFault(env.cluster, 'restart', target.host);
      step(`${target.host} booted again`);
    } else if (mode === 'partition') {
      record.target = target.host;
      injectedAt();
      await injectFault(env.cluster, 'partition', target.host);
      step(`${target.host} cut off the network`);
      await sleep(env.holdMs);
      await injectFault(env.cluster, 'heal', target.host);
      step(`${target.host} back on the network`);
    }
    await recover(env, record, step);
  } catch (err) {
    record.error = (err as Error).message;
    env.log(`chaos ${mode} failed: ${record.error}`);
  }
}

/** After a host or process fault: start-cluster brings back what is down, then every replica syncs. */
async function recover(env: ChaosEnv, record: ChaosRecord, step: (s: string) => void): Promise<void> {
  const started = await startCluster(env.ctx());
  const brought = [...started.zookeeper, ...started.controllers, ...started.brokers, ...started.spark].filter((o) => o.result === 'started').map((o) => `${o.host}/${o.service}`);
  step(`start-cluster: ${brought.length > 0 ? `started ${brought.join(', ')}` : 'everything was running'}; every broker registered`);
  const resumed = await env.job.ensureRunning();
  if (resumed) step(resumed);
  record.healed_after_ms = env.clock() - record.injected_at_ms!;
  await waitInSync(env.admin, env.topic);
  record.recovered_after_ms = env.clock() - record.injected_at_ms!;
  step(`every replica of ${env.topic} in sync again`);
}

/** After an executor died: the master has granted the job as many cores as before. */
async function waitExecutorsBack(env: ChaosEnv, app: SparkApp): Promise<void> {
  await poll(() => readSparkMaster(env.ctx()), {
    deadlineMs: RECOVERY_DEADLINE_MS,
    intervalMs: 1000,
    describe: `the job (${app.id}) to get its ${app.cores} cores back`,
    until: (s) => (s.activeApps.find((a) => a.id === app.id)?.cores ?? 0) >= app.cores,
    show: (s) => `${s.activeApps.find((a) => a.id === app.id)?.cores ?? 0} cores`,
  });
}

/** Every partition of the topic has its full replica set in sync. */
export function waitInSync(admin: KafkaAdminPort, topic: string, deadlineMs = RECOVERY_DEADLINE_MS): Promise<unknown> {
  return poll(async () => (await admin.describeTopics([topic]))[0]!.partitions.filter((p) => p.isr.length < p.replicas.length || p.leader < 0), {
    deadlineMs,
    intervalMs: 500,
    maxIntervalMs: 2000,
    describe: `every replica of ${topic} in sync`,
    until: (lagging) => lagging.length === 0,
    show: (lagging) => lagging.map((p) => `partition ${p.partition} leader ${p.leader} ISR [${p.isr.join(',')}] of [${p.replicas.join(',')}]`).join('; '),
  });
}

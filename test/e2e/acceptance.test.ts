// npm run acceptance on a real three-node ZooKeeper-mode lab cluster (192.168.60.0/24): no
// chaos, then each fault (a SIGKILLed partition leader, a power cut of its host, a SIGKILLed
// job, a network partition of the leader's host, a SIGKILLed controller broker) must pass the
// exactness check: the job's final state equals the oracle of the acked messages, and the topic
// holds every acked message exactly once. One cluster for the whole file, torn down in afterAll.
// The same modes on KRaft: test/e2e/kraft.test.ts.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChaosMode } from '../../src/acceptance/chaos-mode.js';
import type { AcceptanceReport } from '../../src/acceptance/report.js';
import { runAcceptance } from '../../src/acceptance/run.js';
import { clusterStatus } from '../../src/cluster/status.js';
import { createKafkaClient } from '../../src/kafka/index.js';
import { guardLabAddress } from '../../src/lab/guard.js';
import { poll } from '../../src/core/poll.js';
import { expectExact as expectExactRun } from '../support/acceptance-checks.js';
import { labCluster } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const exec = promisify(execFile);
const MESSAGES = 10_000;
const timings: Record<string, unknown> = {};

describeIf(missingRoot(), 'acceptance: the popularity job, exact under chaos, on a three-node lab cluster', () => {
  const lab = labCluster({ name: 'acceptance', net: '192.168.60', kafkaHeap: '384m', zookeeperHeap: '128m' });

  beforeAll(() => lab.up(), 900_000);
  afterAll(async () => {
    process.stderr.write(`acceptance timings: ${JSON.stringify(timings)}\n`);
    await lab.down();
  }, 300_000);

  /** Every check of an exact run, and its timings for the log. */
  function expectExact(r: AcceptanceReport, mode: ChaosMode): void {
    timings[mode] = { total_ms: r.timings.total_ms, chaos: r.chaos, in_doubt: r.in_doubt, job_instances: r.job.instances };
    expectExactRun(r, mode, MESSAGES);
  }

  const run = (chaos: ChaosMode) =>
    runAcceptance(lab.cluster, { messages: MESSAGES, rate: 1000, chaos, seed: 7, ctx: lab.ctx, log: (l) => process.stderr.write(`[acceptance ${chaos}] ${l}\n`) });

  it('no chaos, through the CLI: exit 0, the report on stdout and in --report FILE', async () => {
    const file = join(lab.dir, 'report.json');
    const r = await exec(process.execPath, ['--import', 'tsx', 'scripts/acceptance.ts', '--inventory', lab.inventory, '--messages', String(MESSAGES),
      '--seed', '7', '--report', file, '--json', '--quiet'], { cwd: REPO, maxBuffer: 32 << 20, timeout: 300_000 }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    const report = JSON.parse(r.stdout) as AcceptanceReport;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(report);
    expectExact(report, 'none');
    expect('code' in r ? r.code : 0).toBe(0);
    expect(report.job.instances).toBe(1);
  }, 360_000);

  it('kill-broker: the leader of partition 0 is SIGKILLed mid-stream and started again', async () => {
    const r = await run('kill-broker');
    expectExact(r, 'kill-broker');
    expect(r.chaos.target).toMatch(/^broker [0-2] \(node0[1-3]\)$/);
    expect(r.chaos.role).toMatch(/^leader of partitions? 0/);
    expect(r.chaos.steps[0]).toMatch(/^SIGKILL to broker [0-2] JVM pid \d+ on node0[1-3]$/);
    expect(r.chaos.steps.join('\n')).toMatch(/start-cluster: started node0[1-3]\/kafka/);
  }, 360_000);

  it('kill-host: the power of the leader\'s host is cut, it boots again and its services return', async () => {
    const r = await run('kill-host');
    expectExact(r, 'kill-host');
    expect(r.chaos.target).toMatch(/^node0[1-3]$/);
    expect(r.chaos.steps.join('\n')).toMatch(new RegExp(`start-cluster: started .*${r.chaos.target}/zookeeper.*${r.chaos.target}/kafka`));
  }, 360_000);

  it('kill-job: the job is SIGKILLed mid-stream, restarted, and resumes from its checkpoints exactly', async () => {
    const r = await run('kill-job');
    expectExact(r, 'kill-job');
    expect(r.job.instances).toBeGreaterThanOrEqual(2);
    expect(r.job.exits[0]).toMatchObject({ instance: 1, signal: 'SIGKILL', requested: true });
    // it resumed from checkpoints taken mid-stream: past the start, short of the end
    expect(Object.keys(r.job.resumed_from).sort()).toEqual(['0', '1', '2']);
    const resumedAt = Object.values(r.job.resumed_from).reduce((a, b) => a + b, 0);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThan(r.topic_records);
    expect(r.chaos.steps[0]).toMatch(/^SIGKILL to job pid \d+ \(instance 1\): SIGKILL; checkpointed offsets before: \d+, \d+, \d+$/);
  }, 360_000);

  it('partition: the leader\'s host is off the network past the ZooKeeper session timeout, then healed', async () => {
    const r = await run('partition');
    expectExact(r, 'partition');
    expect(r.chaos.held_ms).toBe(25_000);
    expect(r.chaos.steps.slice(0, 2)).toEqual([`${r.chaos.target} cut off the network`, `${r.chaos.target} back on the network`]);
    // and the cluster is whole again afterwards: a broker whose ZooKeeper session expired while
    // it was cut off registers anew once it is back, within a bounded time
    const status = await poll(() => clusterStatus(lab.ctx), {
      deadlineMs: 90_000,
      intervalMs: 1000,
      describe: 'every broker registered after the heal',
      until: (s) => s.brokers.every((b) => b.registered),
      show: (s) => JSON.stringify({ brokers: s.brokers, controller: s.controller, kafka_error: (s as { kafka_error?: string }).kafka_error }),
    });
    expect(status.brokers.every((b) => b.registered)).toBe(true);
  }, 360_000);

  it('kill-controller: the broker elected controller is SIGKILLed mid-stream and started again', async () => {
    const r = await run('kill-controller');
    expectExact(r, 'kill-controller');
    expect(r.chaos.target).toMatch(/^node0[1-3]\/kafka$/);
    expect(r.chaos.role).toMatch(/^the broker elected controller \(broker [0-2]\)$/);
    expect(r.chaos.steps.join('\n')).toMatch(new RegExp(`start-cluster: started ${r.chaos.target}`));
  }, 360_000);

  it('nothing of the runs is left on the cluster', async () => {
    for (const b of lab.cluster.brokers) await guardLabAddress(lab.cluster, b.address, { required: true });
    const client = createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), logLevel: 'error' });
    const admin = await client.admin();
    try {
      expect((await admin.listTopics()).filter((t) => t.startsWith('popularity-'))).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });
});

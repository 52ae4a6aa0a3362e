// `npm run verify` and `npm run perf` against a real three-node cluster on lab hosts
// (192.168.59.0/24; test/support/lab-cluster.ts, with host names other than the default ones):
// provision + start in beforeAll, the lab torn down in afterAll whatever happened. Then a broker
// is stopped: verify must name it and exit 1.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stopService } from '../../src/cluster/services.js';
import type { PerfReport } from '../../src/perf/run.js';
import type { VerifyReport } from '../../src/verify/run.js';
import { labCluster } from '../support/lab-cluster.js';
import { describeIf, missingRoot } from '../support/requirements.js';
import { jsonOf, runScript } from '../support/run-command.js';

const NET = '192.168.59';

/** Runs scripts/<name>.ts with --json; the exit code and the one JSON document on stdout. */
async function cli<T>(name: string, args: string[]): Promise<{ code: number | null; report: T; stderr: string }> {
  const r = await runScript(name, [...args, '--json']);
  return { code: r.code, report: jsonOf<T>(r, `scripts/${name}.ts`), stderr: r.stderr };
}

describeIf(missingRoot(), 'verify and perf on a three-node lab cluster', () => {
  const lab = labCluster({ name: 'verify-perf', net: NET, kafkaHeap: '320m', hostNames: ['vnode1', 'vnode2', 'vnode3'] });
  beforeAll(() => lab.up(), 900_000);
  afterAll(() => lab.down(), 300_000);

  it('verify --json: every check passes, the topic has 3 partitions x 3 in-sync replicas', async () => {
    const { code, report } = await cli<VerifyReport>('verify', ['--inventory', lab.inventory]);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    const names = report.checks.map((c) => c.name);
    for (const host of ['vnode1', 'vnode2', 'vnode3']) expect(names).toEqual(expect.arrayContaining([`zookeeper ${host} ruok`, `zookeeper ${host} srvr`]));
    expect(names).toEqual(expect.arrayContaining(['broker 0 (vnode1) registered', 'broker 1 (vnode2) registered', 'broker 2 (vnode3) registered']));
    const leader = report.checks.find((c) => c.name === 'zookeeper ensemble has one leader')!;
    expect(leader.detail).toMatch(/^leader vnode\d, followers vnode\d, vnode\d$/);
    const lines = report.describe!.split('\n');
    expect(lines).toHaveLength(4); // the header and one line per partition: the loop below must see all three
    expect(lines[0]).toBe(`Topic: ${report.topic}\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: `);
    for (const [i, line] of lines.slice(1).entries()) {
      const m = new RegExp(`^\\tTopic: ${report.topic}\\tPartition: ${i}\\tLeader: (\\d)\\tReplicas: ([0-2],[0-2],[0-2])\\tIsr: ([0-2],[0-2],[0-2])(?:\\t.*)?$`).exec(line);
      expect(m, line).not.toBeNull();
      expect(m![2]!.split(',').sort()).toEqual(['0', '1', '2']);
      expect(m![3]!.split(',').sort()).toEqual(['0', '1', '2']);
    }
    expect(report.checks.find((c) => c.name === 'round trip gzip')!.detail).toMatch(/^5 sent \(acks=all, gzip\), 5 read back identical/);
    // what the brokers stored, read from the log segments by Kafka's DumpLogSegments
    expect(report.checks.find((c) => c.name === 'stored gzip')!.detail).toMatch(/^5 messages in \d+ gzip batch(es)? on disk \(\d+:\d+-\d+/);
    expect(report.checks.find((c) => c.name === 'stored plain')!.detail).toMatch(/^5 messages in \d+ none batch(es)? on disk/);
    expect(report.checks.at(-1)).toMatchObject({ name: 'topic delete', ok: true });
  });

  it('perf --json: ProducerPerformance on the first broker host, figures parsed, topic deleted', async () => {
    const { code, report, stderr } = await cli<PerfReport>('perf', ['--inventory', lab.inventory, '--records', '50000', '--record-size', '1024']);
    expect(code, stderr).toBe(0);
    expect(report).toMatchObject({ records: 50000, host: 'vnode1', partitions: 3, replication_factor: 3, record_size: 1024, throughput: -1, topic_deleted: true });
    expect(report.records_per_sec).toBeGreaterThan(0);
    // the seed's producer settings unless told otherwise, and where each came from
    expect(report.producer_props).toMatchObject({ 'batch.size': '100000', acks: 'all' });
    expect(report.producer_prop_sources).toMatchObject({ 'batch.size': 'the seed', acks: "Kafka's default", 'bootstrap.servers': 'the inventory' });
    expect(report.command).toMatch(/ --producer-props bootstrap\.servers=\S+ batch\.size=100000 acks=all$/);
    expect(report.mb_per_sec).toBeCloseTo((report.records_per_sec * 1024) / (1024 * 1024), 1);
    expect(report.p50_ms).toBeLessThanOrEqual(report.p95_ms);
    expect(report.p95_ms).toBeLessThanOrEqual(report.p99_ms);
    expect(report.p99_ms).toBeLessThanOrEqual(report.p999_ms);
    expect(report.p999_ms).toBeLessThanOrEqual(Math.ceil(report.max_latency_ms));
    expect(report.command).toMatch(/^java -Xmx256m .* -cp '\/opt\/kafka\/libs\/\*' org\.apache\.kafka\.tools\.ProducerPerformance --topic kcp-perf-/);
    // the figures for the README / bench, beside the seed's 41,880-82,428 records/s on real nodes
    process.stderr.write(`perf on the lab: ${JSON.stringify({ ...report, intervals: undefined, command: undefined })}\n`);
  });

  it('with one broker stopped, verify reports the failing checks and exits 1', async () => {
    await stopService(lab.ctx, 'vnode3', 'kafka');
    const { code, report } = await cli<VerifyReport>('verify', ['--inventory', lab.inventory]);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failed).toContain('broker 2 (vnode3) registered');
    expect(report.checks.find((c) => c.name === 'broker 2 (vnode3) registered')!.detail).toMatch(/^broker 2 is not in the cluster metadata \(registered: 0, 1\)$/);
    // ZooKeeper is untouched and still reported healthy: independent checks keep running
    expect(report.checks.filter((c) => c.name.startsWith('zookeeper')).every((c) => c.ok)).toBe(true);
    expect(failed).toContain('topic create'); // replication factor 3 with two brokers
    expect(report.checks.find((c) => c.name === 'topic delete')).toMatchObject({ ok: true });
  });
});

#!/usr/bin/env tsx
// The popularity job on a secured KRaft cluster (192.168.225.0/24, three combined nodes, Kafka
// 4.4.0, cluster.security: secure; torn down whatever happens): TLS on every listener, SCRAM on
// the client one, deny-by-default ACLs. The job connects as a user with only the --job grants
// (and its rounds' groups), the producer and the plain consumer as the admin. Same figures as
// the kraft bench's job phase, and beside them, when both ran in one `npm run bench`, the
// secured job against the plain KRaft job (bench/index.ts).
// stdout: one JSON document (with `figures`), progress on stderr.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafkaClient } from '../src/kafka/index.js';
import { NO_GRANTS, withRunUsers } from '../src/security/run-user.js';
import { guardedKafkaClient } from '../src/verify/guarded-client.js';
import type { Figure } from './support/figures.js';
import { throughputPhase } from './support/job-ratio.js';
import { withBenchCluster } from './support/lab-cluster.js';
import { benchMain, envInt, log } from './support/main.js';

const NET = process.env.KCP_BENCH_SECURITY_NET ?? '192.168.225';
const MESSAGES = envInt('KCP_BENCH_MESSAGES', 1_000_000);
const ROUNDS = Math.max(1, envInt('KCP_BENCH_ROUNDS', 3));

await benchMain('security', (partial) =>
  withBenchCluster({ name: 'bench-security', net: NET, topology: 'combined', version: '4.4.0', security: 'secure', kafkaHeap: '512m' }, log, async (lab) => {
    partial.bring_up_ms = lab.bringUpMs;
    const work = await mkdtemp(join(tmpdir(), 'kcp-bench-security-'));
    try {
      const client = await guardedKafkaClient(lab.cluster, 'kcp-bench');
      const topic = `bench-security-${Date.now()}`;
      const jobUser = { name: 'kcp-bench-job', grants: { ...NO_GRANTS, groups: ['bench-job-*'], job: topic } };
      const t = await withRunUsers(lab.cluster, [jobUser], log, async (users) => {
        const jobClient = createKafkaClient({ brokers: lab.cluster.bootstrapServers.split(','), clientId: 'kcp-bench-job', logLevel: 'nothing', security: users![0]!.security });
        return throughputPhase(client, topic, work, { messages: MESSAGES, rounds: ROUNDS, producers: 8, intervalMs: 1000, goal: 0.8, jobClient });
      });
      partial.throughput = t;
      const figures: Figure[] = [
        { name: `secured: popularity job, ${t.messages.toLocaleString('en-US')} messages (median of ${ROUNDS})`, value: t.job_median_msg_per_s, unit: 'msg/s' },
        { name: `secured: plain consumer, no work (median of ${ROUNDS + 1})`, value: t.plain_median_msg_per_s, unit: 'msg/s' },
        { name: 'secured: job / plain consumer', value: t.ratio, unit: '', target: { op: '>=', value: 0.8 }, reference: `rounds: ${t.round_ratios.join(', ')}` },
        { name: 'secured: producer, 8 loops (acks=all, idempotent)', value: t.producer.msg_per_s, unit: 'msg/s' },
      ];
      return { ...partial, figures };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }),
);

// What the end-to-end tests of one lab cluster ask of it again and again: a command run as a
// user types it with its JSON answer, every process's pid, a healthy status within a deadline,
// and a topic for an acks=all producer.
import { expect } from 'vitest';
import { clusterStatus, type StatusReport } from '../../src/cluster/status.js';
import { poll } from '../../src/core/poll.js';
import { readProcesses } from '../../src/facts/run.js';
import type { KafkaClientPort } from '../../src/kafka/index.js';
import type { LabCluster } from './lab-cluster.js';
import { jsonOf, runNpm } from './run-command.js';

export interface LabChecks {
  /** `npm run <name> -- --inventory <lab> --json <args>`: must exit with `code`; its JSON document */
  cli<T>(name: string, args?: string[], code?: number): Promise<T>;
  /** process name -> pid (null when it does not run) */
  pids(): Promise<Record<string, number | null>>;
  /** the status once it is healthy (fails with what is not, after 2 minutes) */
  healthy(): Promise<StatusReport>;
  createTopic(client: KafkaClientPort, topic: string, configs?: Record<string, string>): Promise<void>;
}

export function labChecks(lab: LabCluster): LabChecks {
  return {
    async cli<T>(name: string, args: string[] = [], code = 0): Promise<T> {
      const r = await runNpm(name, ['--inventory', lab.inventory, '--json', ...args]);
      expect(r.code, r.stderr).toBe(code);
      return jsonOf<T>(r, `npm run ${name}`);
    },
    async pids() {
      const out: Record<string, number | null> = {};
      for (const p of lab.cluster.processes) out[p.name] = (await readProcesses(await lab.ctx.sessions.session(p.host.name)))[p.service].pid;
      return out;
    },
    healthy: () =>
      poll(() => clusterStatus(lab.ctx), {
        deadlineMs: 120_000,
        intervalMs: 1000,
        describe: 'a healthy cluster',
        until: (s) => s.ok,
        show: (s) => s.problems.join('; ') || JSON.stringify(s.brokers),
      }),
    async createTopic(client, topic, configs = { 'min.insync.replicas': '2' }) {
      const admin = await client.admin();
      try {
        await admin.createTopic({ topic, partitions: 3, replicationFactor: 3, configs });
      } finally {
        await admin.disconnect();
      }
    },
  };
}

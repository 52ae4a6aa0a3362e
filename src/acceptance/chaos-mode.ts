// The chaos modes of `npm run acceptance --chaos MODE`, what each one does to whom, and the
// record of it in the report (pure parts: parsing, which engine a mode needs, target choice).
import { InputError } from '../core/errors.js';
import type { Cluster, Service } from '../inventory/model.js';
import type { TopicDescription } from '../kafka/index.js';
import type { EngineName } from './engine.js';

export const CHAOS_MODES = ['none', 'kill-broker', 'kill-host', 'kill-job', 'partition', 'kill-controller', 'kill-driver', 'kill-executor'] as const;
export type ChaosMode = (typeof CHAOS_MODES)[number];

/** The modes that hit a process of one engine only: the TypeScript job, or the Spark driver and executors. */
const ENGINE_MODES: Partial<Record<ChaosMode, EngineName>> = { 'kill-job': 'ts', 'kill-driver': 'spark', 'kill-executor': 'spark' };

/** How long the fault lasts before it is healed. A partition outlasts the ZooKeeper session
 *  timeout (18 s), so leadership moves away and the old leader truncates when it returns. */
export const DEFAULT_HOLD_MS: Record<ChaosMode, number> = {
  none: 0, 'kill-broker': 10_000, 'kill-host': 10_000, 'kill-job': 2_000, partition: 25_000, 'kill-controller': 10_000, 'kill-driver': 2_000, 'kill-executor': 0,
};

export function parseChaosMode(text: string | undefined, engine: EngineName = 'ts'): ChaosMode {
  const mode = text ?? 'none';
  if (!(CHAOS_MODES as readonly string[]).includes(mode)) throw new InputError(`--chaos must be one of ${CHAOS_MODES.join(', ')}; got "${mode}"`);
  const only = ENGINE_MODES[mode as ChaosMode];
  if (only && only !== engine) throw new InputError(`--chaos ${mode} needs --engine ${only} (the ${engine === 'ts' ? 'TypeScript job has no Spark driver or executor' : 'Spark job is not a child process of this run: use kill-driver'})`);
  return mode as ChaosMode;
}

export interface ChaosRecord {
  mode: ChaosMode;
  /** "broker 1 (node02)", "node02", "job pid 4242"; null for none */
  target: string | null;
  /** why this target: which partitions it led, whether it was the controller */
  role: string | null;
  /** acked messages when the fault was injected */
  injected_at_acked: number | null;
  /** ms since the start of production */
  injected_at_ms: number | null;
  held_ms: number | null;
  /** injection -> healed (services running again / network back / job restarted) */
  healed_after_ms: number | null;
  /** injection -> every replica of the topic in sync again (host and broker faults) */
  recovered_after_ms: number | null;
  /** what was done, in order */
  steps: string[];
  error?: string;
}

export function emptyChaos(mode: ChaosMode): ChaosRecord {
  return { mode, target: null, role: null, injected_at_acked: null, injected_at_ms: null, held_ms: null, healed_after_ms: null, recovered_after_ms: null, steps: [] };
}

export interface BrokerTarget {
  brokerId: number;
  host: string;
  role: string;
}

/**
 * The broker (and its host) to hit: the leader of the topic's partition 0, so that both the
 * producer and the job feel it. The role says which partitions it led and if it was controller.
 */
export function pickBrokerTarget(cluster: Pick<Cluster, 'brokers'>, topic: TopicDescription, controller: number | null): BrokerTarget {
  const leader = topic.partitions.find((p) => p.partition === 0)?.leader ?? -1;
  const host = cluster.brokers.find((b) => b.brokerId === leader);
  if (!host) throw new Error(`partition 0 of ${topic.topic} has no leader among the inventory's brokers (leader ${leader})`);
  const led = topic.partitions.filter((p) => p.leader === leader).map((p) => p.partition).sort((a, b) => a - b);
  const role = `leader of partition${led.length > 1 ? 's' : ''} ${led.join(', ')} of ${topic.topic}${controller === leader ? '; also the controller' : '; not the controller'}`;
  return { brokerId: leader, host: host.name, role };
}

export interface ControllerTarget {
  host: string;
  service: Service;
  /** its node id (KRaft) or broker id (ZooKeeper mode) */
  id: number;
  role: string;
}

/**
 * The process that is the active controller: in KRaft the quorum leader (a dedicated controller,
 * or a combined process that is a broker too), in ZooKeeper mode the broker elected controller.
 */
export function pickControllerTarget(cluster: Pick<Cluster, 'mode' | 'quorum' | 'brokers'>, controller: number | null): ControllerTarget {
  if (cluster.mode === 'kraft') {
    const p = cluster.quorum.find((x) => x.id === controller);
    if (!p) throw new Error(`no active controller among the inventory's controllers (leader ${controller ?? 'none'})`);
    const combined = p.roles.includes('broker');
    return { host: p.host.name, service: p.service, id: p.id, role: `the active controller (KRaft quorum leader, node ${p.id})${combined ? ', also a broker' : ', a dedicated controller'}` };
  }
  const host = cluster.brokers.find((b) => b.brokerId === controller);
  if (!host) throw new Error(`no controller among the inventory's brokers (controller ${controller ?? 'none'})`);
  return { host: host.name, service: 'kafka', id: controller!, role: `the broker elected controller (broker ${controller})` };
}

// Strimzi's rule before a broker may stop: for each partition it hosts, refuse when
// ISR < min.insync.replicas, or when ISR == min.insync.replicas and this broker is in the ISR
// (stopping it would take away a replica that acks=all writes need). Partitions whose
// replication factor is <= min.insync.replicas cannot satisfy the rule and are skipped.
export interface PartitionState {
  topic: string;
  partition: number;
  /** -1 when the partition has no leader (offline) */
  leader: number;
  replicas: number[];
  isr: number[];
  /** effective min.insync.replicas of the topic */
  minIsr: number;
}

/** Why `brokerId` must not stop now; empty when it may. */
export function restartBlockers(brokerId: number, partitions: readonly PartitionState[]): string[] {
  const blockers: string[] = [];
  for (const p of partitions) {
    if (!p.replicas.includes(brokerId)) continue;
    if (p.replicas.length <= p.minIsr) continue;
    const where = `${p.topic}-${p.partition} (replicas [${p.replicas.join(',')}], ISR [${p.isr.join(',')}], min.insync.replicas ${p.minIsr})`;
    if (p.isr.length < p.minIsr) blockers.push(`${where}: already under min ISR`);
    else if (p.isr.length === p.minIsr && p.isr.includes(brokerId)) blockers.push(`${where}: broker ${brokerId} is one of its last in-sync replicas`);
  }
  return blockers;
}

/**
 * One line for an operator: the first blocker in full, then the names of the others (every one
 * up to `max`), so a wait that lasts shows exactly which partitions hold it.
 */
export function summarizeBlockers(blockers: readonly string[], max = 20): string {
  const [first, ...rest] = blockers;
  if (first === undefined) return 'nothing blocks';
  if (rest.length === 0) return first;
  const names = rest.slice(0, max).map((b) => b.slice(0, b.indexOf(' (')));
  return `${first}; also ${names.join(', ')}${rest.length > max ? ` (+${rest.length - max} more)` : ''}`;
}

export function underReplicated(partitions: readonly PartitionState[]): PartitionState[] {
  return partitions.filter((p) => p.isr.length < p.replicas.length);
}

/** Partitions whose acks=all sends fail: fewer in-sync replicas than their min.insync.replicas. */
export function underMinIsr(partitions: readonly PartitionState[]): PartitionState[] {
  return partitions.filter((p) => p.isr.length < p.minIsr);
}

export function offline(partitions: readonly PartitionState[]): PartitionState[] {
  return partitions.filter((p) => p.leader < 0);
}

/** Brokers in restart/stop order: by id, the controller last. */
export function controllerLast(brokerIds: readonly number[], controller: number | null): number[] {
  const sorted = [...brokerIds].sort((a, b) => a - b);
  return [...sorted.filter((id) => id !== controller), ...sorted.filter((id) => id === controller)];
}

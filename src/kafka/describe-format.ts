// Text in the shape of `kafka-topics.sh --describe`, so operators read what they already know.
// (No TopicId: the client protocol version used here does not return it. Elr/LastKnownElr are
// KRaft-only; in ZooKeeper mode kafka-topics prints N/A, and so do we.)
import type { ClusterDescription, TopicDescription } from './types.js';

function configsText(configs: Record<string, string>): string {
  return Object.keys(configs)
    .sort()
    .map((k) => `${k}=${configs[k]}`)
    .join(',');
}

export function formatTopicDescription(d: TopicDescription): string {
  const partitions = [...d.partitions].sort((a, b) => a.partition - b.partition);
  const replicationFactor = partitions[0]?.replicas.length ?? 0;
  const lines = [
    `Topic: ${d.topic}\tPartitionCount: ${partitions.length}\tReplicationFactor: ${replicationFactor}\tConfigs: ${configsText(d.configs)}`,
  ];
  for (const p of partitions) {
    const leader = p.leader >= 0 ? String(p.leader) : 'none';
    let line = `\tTopic: ${d.topic}\tPartition: ${p.partition}\tLeader: ${leader}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}\tElr: N/A\tLastKnownElr: N/A`;
    if (p.offline.length > 0) line += `\tOffline: ${p.offline.join(',')}`;
    lines.push(line);
  }
  return lines.join('\n');
}

export function formatClusterDescription(c: ClusterDescription): string {
  const brokers = [...c.brokers].sort((a, b) => a.nodeId - b.nodeId);
  const lines = [`Cluster: ${c.clusterId}\tController: ${c.controller ?? 'none'}\tBrokers: ${brokers.length}`];
  for (const b of brokers) {
    lines.push(`\tBroker: ${b.nodeId}\t${b.host}:${b.port}${b.nodeId === c.controller ? '\t(controller)' : ''}`);
  }
  return lines.join('\n');
}

/** Partitions whose ISR is smaller than their replica set. */
export function underReplicated(d: TopicDescription): number[] {
  return d.partitions.filter((p) => p.isr.length < p.replicas.length).map((p) => p.partition);
}

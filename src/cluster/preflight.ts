// Checks every host before anything changes: Java present and new enough, free disk, and the
// service ports free (or held by the very process our pidfile names). Pure over the facts.
import { releaseOf } from '../dist/release.js';
import type { HostFacts } from '../facts/gather.js';
import { processesOf } from '../inventory/derive.js';
import { hasRole, metricsPortOf, type Cluster, type Host } from '../inventory/model.js';
import type { Service } from '../render/layout.js';

const MiB = 1024 * 1024;

/** The ports each process of the host listens on. */
export function servicePorts(cluster: Cluster, host: Host): Array<{ port: number; service: Service }> {
  return processesOf(host).flatMap((p) => {
    if (p.service === 'zookeeper') {
      const z = cluster.zookeeper;
      return [z.clientPort, z.peerPort, z.electionPort].map((port) => ({ port, service: p.service }));
    }
    if (p.service === 'spark-master') return [cluster.spark.masterPort, cluster.spark.webuiPort].map((port) => ({ port, service: p.service }));
    if (p.service === 'spark-worker') return [cluster.spark.workerPort, cluster.spark.workerWebuiPort].map((port) => ({ port, service: p.service }));
    const metrics = metricsPortOf(cluster, p);
    return [
      ...(hasRole(p, 'broker') ? [{ port: cluster.broker.port, service: p.service }] : []),
      ...(hasRole(p, 'controller') ? [{ port: cluster.controller.port, service: p.service }] : []),
      // the agent starts before Kafka: a taken port stops the JVM at once
      ...(metrics === null ? [] : [{ port: metrics, service: p.service }]),
    ];
  });
}

/** Folders whose filesystems are checked for space: the distribution and the data. */
export const DISK_PATHS = ['/opt', '/var/lib', '/var/log'];

/** `uploadBytes`: the tarballs this run uploads to the host (0 when none). */
export function diskNeeds(uploadBytes: number): Map<string, number> {
  // the tarball is kept beside the unpacked copy; unpacking briefly holds two copies
  return new Map([
    ['/opt', 3 * uploadBytes + 64 * MiB],
    ['/var/lib', 256 * MiB],
    ['/var/log', 64 * MiB],
  ]);
}

export function preflightProblems(cluster: Cluster, host: Host, facts: HostFacts, needs: Map<string, number>): string[] {
  const problems: string[] = [];
  const { minJava } = releaseOf(cluster.kafka.version);
  const why = `Kafka ${cluster.kafka.version} needs Java ${minJava}`;
  if (facts.java.major === null) problems.push(`Java: expected Java ${minJava} or newer on PATH (${why}), seen: ${facts.java.banner}`);
  else if (facts.java.major < minJava) problems.push(`Java: expected ${minJava} or newer (${why}), seen ${facts.java.major} (${facts.java.banner})`);
  for (const [path, need] of needs) {
    const free = facts.disk.get(path);
    if (free !== undefined && free < need) {
      problems.push(`disk: ${path} needs ${Math.ceil(need / MiB)} MiB free, has ${Math.floor(free / MiB)} MiB`);
    }
  }
  for (const { port, service } of servicePorts(cluster, host)) {
    const ours = facts.processes[service].pid;
    for (const l of facts.listeners.filter((x) => x.port === port)) {
      const isOurs = ours !== null && (l.pids.length === 0 || l.pids.includes(ours));
      if (!isOurs) problems.push(`port ${port} (${service}): expected free, in use by ${l.process ?? 'unknown'}${l.pids.length ? ` pid ${l.pids.join(',')}` : ''}`);
    }
  }
  return problems;
}


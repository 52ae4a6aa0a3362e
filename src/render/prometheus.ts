// For users who run Prometheus: a scrape config naming every process's JMX exporter, and the
// alert rules operators page on. Written by `npm run render` beside the hosts' files. Pure.
import { hostPort } from '../inventory/derive.js';
import { metricsPortOf, type Cluster } from '../inventory/model.js';
import { renderTemplate } from './engine.js';

export interface MonitoringFile {
  /** relative to the render output folder */
  path: string;
  content: string;
}

export interface ScrapeTarget {
  target: string;
  host: string;
  process: string;
  roles: string;
}

export function scrapeTargets(cluster: Cluster): ScrapeTarget[] {
  return cluster.processes.flatMap((p) => {
    const port = metricsPortOf(cluster, p);
    return port === null ? [] : [{ target: hostPort(p.host.address, port), host: p.host.name, process: p.name, roles: p.roles.join(',') }];
  });
}

/** prometheus/prometheus.yml and prometheus/kafka-alerts.yml; none when no process exports metrics. */
export function monitoringFiles(cluster: Cluster, inventory: string): MonitoringFile[] {
  const targets = scrapeTargets(cluster);
  if (targets.length === 0) return [];
  return [
    { path: 'prometheus/prometheus.yml', content: renderTemplate('prometheus/prometheus.yml.hbs', { cluster, inventory, targets }) },
    { path: 'prometheus/kafka-alerts.yml', content: renderTemplate('prometheus/kafka-alerts.yml.hbs', { cluster }) },
  ];
}

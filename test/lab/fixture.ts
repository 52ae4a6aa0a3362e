// A three-host cluster for the lab's unit tests, derived by the real loader (only the fields the
// lab reads matter: name, folders, ssh, hosts and their addresses).
import { stringify } from 'yaml';
import { parseInventory } from '../../src/inventory/load.js';
import type { Cluster, Host } from '../../src/inventory/model.js';

export function labCluster(overrides: { name?: string; baseDir?: string; port?: number; hosts?: Array<Pick<Host, 'name' | 'address'>> } = {}): Cluster {
  const baseDir = overrides.baseDir ?? '/srv/kcp';
  const hosts = (overrides.hosts ?? [
    { name: 'node01', address: '192.168.56.11' },
    { name: 'node02', address: '192.168.56.12' },
    { name: 'node03', address: '192.168.56.13' },
  ]).map((h, i) => ({ name: h.name, address: h.address, zookeeper_id: i + 1, broker_id: i }));
  const doc = {
    cluster: { name: overrides.name ?? 'popularity-demo', kafka: { version: '3.9.1' }, ssh: { port: overrides.port ?? 22 } },
    hosts,
  };
  return parseInventory(`${baseDir}/inventory.yaml`, stringify(doc)).cluster;
}

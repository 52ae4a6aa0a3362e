// The inventory in KRaft form, once a migration is through: the user's own file with only what
// the migration changed rewritten (comments and order kept): cluster.kafka.mode kraft, the
// controllers' static quorum, no ZooKeeper section, no zookeeper_id, no zookeeper.* broker
// setting. It describes exactly the cluster the migration leaves (stageCluster(.., 'kraft')), so
// a provision with it changes nothing and restarts nothing. Pure: text in, text out.
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import { isZookeeperKey } from './stages.js';

function dropZookeeperKeys(map: unknown): void {
  if (!isMap(map)) return;
  for (const item of [...(map as YAMLMap).items]) {
    const key = String((item.key as { value?: unknown })?.value ?? item.key);
    if (isZookeeperKey(key)) (map as YAMLMap).delete(item.key);
  }
}

export function kraftInventoryText(zookeeperText: string): string {
  const doc = parseDocument(zookeeperText);
  if (doc.errors.length > 0) throw new Error(`the inventory no longer parses: ${doc.errors[0]!.message}`);
  doc.setIn(['cluster', 'kafka', 'mode'], 'kraft');
  if (!doc.hasIn(['cluster', 'controller'])) doc.setIn(['cluster', 'controller'], doc.createNode({}));
  doc.setIn(['cluster', 'controller', 'static_quorum'], true);
  doc.deleteIn(['cluster', 'zookeeper']);
  dropZookeeperKeys(doc.getIn(['cluster', 'broker', 'config']));
  const hosts = doc.get('hosts');
  if (hosts && typeof hosts === 'object' && 'items' in hosts) {
    for (const host of (hosts as { items: unknown[] }).items) {
      if (!isMap(host)) continue;
      host.delete('zookeeper_id');
      dropZookeeperKeys(host.get('broker_config'));
    }
  }
  const header = '# KRaft form, written by npm run migrate: the cluster was migrated from ZooKeeper (its quorum is static).\n';
  return header + doc.toString({ lineWidth: 0 });
}

// The default inventory (ZooKeeper mode, secured) as a migration reads it: a dedicated KRaft
// controller beside each broker, node ids 3001-3003.
import { parseInventory } from '../../src/inventory/load.js';
import type { Cluster } from '../../src/inventory/model.js';
import { defaultInventoryText, editInventory } from './inventory-text.js';

export const migrationInventoryText = editInventory(
  ['    broker_id: 0            # present => host runs a broker', '    broker_id: 0            # present => host runs a broker\n    controller_id: 3001'],
  ['    broker_id: 1\n', '    broker_id: 1\n    controller_id: 3002\n'],
  ['    broker_id: 2\n', '    broker_id: 2\n    controller_id: 3003\n'],
);

/** The migration's source cluster, from `text` (default: the secured default inventory with controllers). */
export function migrationSource(text = migrationInventoryText): Cluster {
  return parseInventory('inventory.yaml', text, { migration: true }).cluster;
}

export { defaultInventoryText };

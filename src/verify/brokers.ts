// Broker registration as the cluster metadata shows it to a client: every inventory broker id
// present (ZooKeeper mode: a broker is in the metadata once registered in /brokers/ids; KRaft:
// once registered and unfenced), a controller elected (ZooKeeper mode: KRaft brokers name a
// random broker there; the quorum checks cover its controller), and no broker the inventory
// does not know.
import type { Host } from '../inventory/model.js';
import type { ClusterDescription } from '../kafka/types.js';
import { errorText, fail, pass, type Check } from './check.js';

export function brokerChecks(brokers: Host[], meta: ClusterDescription | Error, withController = true): Check[] {
  const name = (h: Host) => `broker ${h.brokerId} (${h.name}) registered`;
  if (meta instanceof Error) {
    const why = `no cluster metadata: ${errorText(meta)}`;
    return [...brokers.map((h) => fail(name(h), why)), ...(withController ? [fail('controller elected', why)] : [])];
  }
  const registered = new Map(meta.brokers.map((b) => [b.nodeId, b]));
  const ids = [...registered.keys()].sort((a, b) => a - b);
  const checks = brokers.map((h) => {
    const b = registered.get(h.brokerId!);
    if (!b) return fail(name(h), `broker ${h.brokerId} is not in the cluster metadata (registered: ${ids.join(', ') || 'none'})`);
    const controller = withController && b.nodeId === meta.controller ? ', controller' : '';
    const advertised = b.host === h.address ? '' : ` (inventory address ${h.address})`;
    return pass(name(h), `at ${b.host}:${b.port}${advertised}${controller}`);
  });
  const known = new Set(brokers.map((h) => h.brokerId));
  const strangers = ids.filter((id) => !known.has(id));
  if (strangers.length > 0) checks.push(fail('no unknown brokers', `registered brokers not in the inventory: ${strangers.join(', ')} (another cluster on the same ZooKeeper path?)`));
  if (!withController) return checks;
  checks.push(
    meta.controller !== null && registered.has(meta.controller)
      ? pass('controller elected', `broker ${meta.controller}, cluster id ${meta.clusterId}`)
      : fail('controller elected', `no controller among the registered brokers (cluster id ${meta.clusterId})`),
  );
  return checks;
}

// Which services a provision starts or restarts on a host, and why. A service restarts iff one
// of its files changed or its distribution changed; it starts when it should run and does not.
// One the inventory no longer puts on the host but which still runs is reported, never stopped:
// taking a broker or a ZooKeeper node away safely needs steps this tool does not automate.
import type { ProcessFact } from '../facts/processes.js';
import type { Service } from '../render/layout.js';

export type ServiceAction = { service: Service; action: 'start' | 'restart' | 'left-running' | 'none'; reasons: string[] };

const HOW_TO_REMOVE: Record<Service, string> = {
  kafka: 'move its partitions to other brokers (kafka-reassign-partitions.sh), then stop it with /opt/kafka-cluster/bin/kafka-service.sh stop',
  zookeeper: 'once the other nodes run the new zoo.cfg without it, stop it with /opt/kafka-cluster/bin/zookeeper-service.sh stop',
  controller: 'remove it from the quorum first (kafka-metadata-quorum.sh remove-controller), then stop it with /opt/kafka-cluster/bin/controller-service.sh stop',
  'spark-master': 'point the workers and jobs at the new master first, then stop it with /opt/kafka-cluster/bin/spark-master-service.sh stop',
  'spark-worker': 'stop it with /opt/kafka-cluster/bin/spark-worker-service.sh stop (its executors move to the other workers)',
};

export interface RestartInputs {
  service: Service;
  /** does the inventory put this service on the host */
  wanted: boolean;
  process: ProcessFact;
  /** paths of this service's files that this run uploads */
  changedFiles: string[];
  /** the dist folder the service must run from, e.g. kafka_2.13-3.9.1 */
  distName: string;
  /** this run switches the KAFKA_HOME symlink */
  distSwitched: boolean;
}

export function serviceAction(i: RestartInputs): ServiceAction {
  const none = (reason: string): ServiceAction => ({ service: i.service, action: 'none', reasons: [reason] });
  if (!i.wanted) {
    if (!i.process.running) return none('not on this host');
    const reason = `pid ${i.process.pid} runs but the inventory no longer puts ${i.service} on this host; not stopped: ${HOW_TO_REMOVE[i.service]}`;
    return { service: i.service, action: 'left-running', reasons: [reason] };
  }
  if (!i.process.running) return { service: i.service, action: 'start', reasons: ['not running'] };
  const reasons = i.changedFiles.map((f) => `${f} changed`);
  if (i.distSwitched) reasons.push(`distribution switched to ${i.distName}`);
  else if (i.process.dist !== null && i.process.dist !== i.distName) reasons.push(`runs ${i.process.dist}, wanted ${i.distName}`);
  return reasons.length > 0 ? { service: i.service, action: 'restart', reasons } : none('running, unchanged');
}

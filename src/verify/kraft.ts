// KRaft checks: DescribeQuorum, asked of the controllers (only the active one answers), must name
// a leader among the inventory's controllers, every controller must be a voter caught up with it
// (the rule the health gates use), and no voter may be unknown to the inventory.
import { kraftState } from '../cluster/quorum/kraft.js';
import { hostPort } from '../inventory/derive.js';
import type { Cluster } from '../inventory/model.js';
import { askFirst } from '../kafka/kraft.js';
import { adminSecrets, certificateClientSecurity } from '../security/cluster-secrets.js';
import type { QuorumDescription } from '../kafka/types.js';
import { errorText, fail, pass, type Check } from './check.js';

export async function describeQuorum(cluster: Cluster, guard: (address: string) => Promise<void>): Promise<QuorumDescription> {
  const endpoints = cluster.quorum.map((p) => hostPort(p.host.address, cluster.controller.port));
  const secrets = await adminSecrets(cluster);
  const security = secrets && certificateClientSecurity(secrets);
  return askFirst(endpoints, (node) => node.describeQuorum(), (endpoint) => guard(cluster.quorum[endpoints.indexOf(endpoint)]!.host.address), { security });
}

export function kraftChecks(cluster: Pick<Cluster, 'quorum'>, d: QuorumDescription | Error): Check[] {
  const leaderName = 'kraft quorum has a leader';
  if (d instanceof Error) {
    const why = `no controller answered DescribeQuorum: ${errorText(d)}`;
    return [fail(leaderName, why), ...cluster.quorum.map((p) => fail(`controller ${p.id} (${p.host.name}) in the quorum`, why))];
  }
  const state = kraftState(cluster.quorum, d, null);
  const checks: Check[] = [
    state.leader
      ? pass(leaderName, `node ${d.leaderId} (${state.leader.host.name}), epoch ${d.leaderEpoch}, high watermark ${d.highWatermark}`)
      : fail(leaderName, `leader ${d.leaderId} is not one of the inventory's controllers (${cluster.quorum.map((p) => p.id).join(', ')})`),
    ...state.members.map((m) => {
      const name = `controller ${m.process.id} (${m.process.host.name}) in the quorum`;
      return m.role !== null && m.caughtUp ? pass(name, `${m.role}, lag ${m.lag ?? '?'}`) : fail(name, m.seen);
    }),
  ];
  const known = new Set(cluster.quorum.map((p) => p.id));
  const strangers = d.voters.filter((v) => !known.has(v.id)).map((v) => v.id);
  if (strangers.length > 0) checks.push(fail('no unknown voters', `voters not in the inventory: ${strangers.join(', ')}`));
  return checks;
}

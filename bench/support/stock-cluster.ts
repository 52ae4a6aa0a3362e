// Puts a stock reference (bench/support/stock.ts) on the lab hosts and takes it away again:
// files written, ZooKeeper started and gated on its own `srvr` answer, brokers started and
// gated on every one being registered (the Kafka client's view), stopped in reverse by pid
// through the same service script the provisioned cluster uses, and its folder removed.
import { poll } from '../../src/core/poll.js';
import type { Ctx } from '../../src/cluster/context.js';
import { parseSrvr, srvrCommand } from '../../src/facts/srvr.js';
import { guardedKafkaClient } from '../../src/verify/guarded-client.js';
import { STOCK_PORTS, STOCK_ROOT, stockPrepareScript, stockTopology, type StockProcess, type StockShape, type StockTopology } from './stock.js';

const SERVING = new Set(['leader', 'follower', 'standalone']);

export interface StockCluster {
  topology: StockTopology;
  /** brokers, then ZooKeeper, by pid; the folder removed. Safe to call twice. */
  stop(): Promise<void>;
}

const byHost = (ps: StockProcess[]): Map<string, StockProcess[]> => {
  const m = new Map<string, StockProcess[]>();
  for (const p of ps) m.set(p.host.name, [...(m.get(p.host.name) ?? []), p]);
  return m;
};

async function runScript(ctx: Ctx, p: StockProcess, action: 'start' | 'stop'): Promise<void> {
  const session = await ctx.sessions.session(p.host.name);
  // a stop after a start that failed early finds no script: nothing of it can be running
  const script = action === 'stop' ? `if [ -x ${p.script} ]; then ${p.script} stop; fi` : `${p.script} start`;
  await session.exec(script, { describe: `stock ${p.service} ${action} on ${p.host.name}`, timeoutMs: 60_000 });
}

export async function startStock(ctx: Ctx, shape: StockShape, log: (line: string) => void): Promise<StockCluster> {
  const topology = stockTopology(ctx.cluster, shape);
  const hosts = byHost(topology.processes);
  const zookeepers = topology.processes.filter((p) => p.service === 'zookeeper');
  const brokers = topology.processes.filter((p) => p.service === 'kafka');
  let stopped = false;
  const stock: StockCluster = {
    topology,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const group of [brokers, zookeepers]) await Promise.all(group.map((p) => runScript(ctx, p, 'stop')));
      await Promise.all([...hosts.keys()].map(async (h) => (await ctx.sessions.session(h)).exec(`rm -rf -- ${STOCK_ROOT}`)));
    },
  };
  try {
    log(`stock ${shape}: ${zookeepers.length} ZooKeeper + ${brokers.length} broker(s), Kafka's default configuration`);
    await Promise.all(
      [...hosts].map(async ([name, ps]) => {
        const session = await ctx.sessions.session(name);
        await session.exec(stockPrepareScript([...new Set(ps.map((p) => p.service))]));
        for (const f of ps.flatMap((p) => p.files)) await session.put(f.path, f.content, { mode: f.mode, owner: f.owner });
      }),
    );
    await Promise.all(zookeepers.map((p) => runScript(ctx, p, 'start')));
    await Promise.all(
      zookeepers.map(async (p) => {
        const session = await ctx.sessions.session(p.host.name);
        await poll(async () => parseSrvr((await session.exec(srvrCommand(STOCK_PORTS.client), { check: false })).stdout), {
          deadlineMs: 90_000 * ctx.deadlineScale,
          describe: `stock ZooKeeper on ${p.host.name} serving`,
          until: (f) => f.mode !== null && SERVING.has(f.mode),
          show: (f) => f.raw,
        });
      }),
    );
    await Promise.all(brokers.map((p) => runScript(ctx, p, 'start')));
    const client = await guardedKafkaClient(topology.target, 'kcp-bench-stock');
    const admin = await client.admin();
    try {
      await poll(async () => (await admin.describeCluster()).brokers.length, {
        deadlineMs: 120_000 * ctx.deadlineScale,
        describe: `all ${brokers.length} stock broker(s) registered`,
        until: (n) => n === brokers.length,
      });
    } finally {
      await admin.disconnect().catch(() => {});
    }
    log(`stock ${shape}: serving on ${topology.target.bootstrapServers}`);
    return stock;
  } catch (err) {
    await stock.stop().catch((e: Error) => log(`stock ${shape}: stop after a failed start: ${e.message}`));
    throw err;
  }
}

#!/usr/bin/env tsx
// npm run perf -- [--records N] [--record-size BYTES] [--throughput N|-1] [--partitions N]
//                 [--producer-prop k=v ...] [--host NODE] [--keep-topic] [--inventory F] [--json]
import { runCli } from '../src/cli/run.js';
import { loadInventory } from '../src/inventory/load.js';
import { formatPerf } from '../src/perf/format.js';
import { perfHost, runPerf } from '../src/perf/run.js';
import { PERF_DEFAULTS, perfOptions } from '../src/perf/options.js';

await runCli({
  usage: `usage: npm run perf -- [--records N] [--record-size BYTES] [--throughput RECORDS_PER_S|-1]
                    [--partitions N] [--producer-prop key=value]... [--host NODE] [--keep-topic]
                    [--inventory inventory.yaml] [--json]
Runs Kafka's ProducerPerformance on a broker host (default: the first) over SSH against a new
topic (replication factor min(3, brokers)), deleted afterwards unless --keep-topic.
Defaults: --records ${PERF_DEFAULTS.records} --record-size ${PERF_DEFAULTS.recordSize} --throughput ${PERF_DEFAULTS.throughput} --partitions ${PERF_DEFAULTS.partitions}
  --producer-prop batch.size=100000 (the seed's) --producer-prop acks=all (Kafka's default, stated)`,
  options: {
    records: { type: 'string' },
    'record-size': { type: 'string' },
    throughput: { type: 'string' },
    partitions: { type: 'string' },
    'producer-prop': { type: 'string', multiple: true },
    host: { type: 'string' },
    'keep-topic': { type: 'boolean', default: false },
  },
  async main({ values, log }) {
    const options = perfOptions(values);
    const { cluster, warnings } = await loadInventory(values.inventory);
    warnings.forEach(log);
    perfHost(cluster, options.host); // bad --host is input error before anything is contacted
    return runPerf(cluster, options, log);
  },
  human: formatPerf,
});

#!/usr/bin/env tsx
// npm run lab:up | lab:down | lab:status, npm run lab -- kill|restart|partition|heal NODE
import { InputError } from '../src/core/errors.js';
import { runCli } from '../src/cli/run.js';
import { loadInventory } from '../src/inventory/load.js';
import { labClean, labDown } from '../src/lab/down.js';
import { FAULTS, injectFault, type Fault } from '../src/lab/faults.js';
import { formatDown, formatFault, formatStatus, formatUp } from '../src/lab/format.js';
import { labStatus } from '../src/lab/status.js';
import { labUp } from '../src/lab/up.js';

const usage = `usage: npm run lab:up | lab:down [-- --purge] | lab:status   [-- --inventory F --json]
       npm run lab -- kill|restart|partition|heal NODE [--inventory F --json]
       npm run lab -- clean   (removes every lab of this tool on the machine, whatever its inventory)`;

type Report = Awaited<ReturnType<typeof labUp | typeof labDown | typeof labStatus | typeof injectFault>>;
let format: (report: never) => string = () => '';

await runCli({
  usage,
  options: { purge: { type: 'boolean', default: false } },
  allowPositionals: true,
  async main({ values, positionals, log }): Promise<Report> {
    const [command, node, ...extra] = positionals;
    if (extra.length > 0) throw new InputError(`unexpected arguments: ${extra.join(' ')}`);
    const isFault = FAULTS.includes(command as Fault);
    if (!command || !(isFault || ['up', 'down', 'status', 'clean'].includes(command))) {
      throw new InputError(`unknown lab command ${command ?? '(none)'}`);
    }
    if (isFault && !node) throw new InputError(`lab ${command} needs a host name`);
    if (!isFault && node) throw new InputError(`lab ${command} takes no host name`);
    if (command === 'clean') return ((format = formatDown), labClean());
    const { cluster, warnings } = await loadInventory(values.inventory);
    warnings.forEach(log);
    if (command === 'up') return ((format = formatUp), labUp(cluster, log));
    if (command === 'down') return ((format = formatDown), labDown(cluster, { purge: values.purge }));
    if (command === 'status') return ((format = formatStatus), labStatus(cluster));
    return ((format = formatFault), injectFault(cluster, command as Fault, node!));
  },
  human: (report) => format(report as never),
});

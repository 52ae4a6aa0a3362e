// Where the scripts connect: --bootstrap if given, else the inventory's brokers — and in lab mode
// only after checking that each broker address routes through the lab bridge.
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { loadInventory } from '../inventory/load.js';
import { parseBootstrap } from '../kafka/index.js';
import { guardLabAddress } from '../lab/guard.js';
import { refuseSecured } from '../security/cluster-secrets.js';

export async function resolveBootstrap(o: { bootstrap?: string; inventory: string }): Promise<string[]> {
  if (o.bootstrap !== undefined) {
    try {
      return parseBootstrap(o.bootstrap);
    } catch (err) {
      throw new InputError(`--bootstrap: ${(err as Error).message}`);
    }
  }
  const { cluster } = await loadInventory(resolve(o.inventory));
  refuseSecured(cluster, 'the popularity job and producer');
  for (const host of cluster.brokers) await guardLabAddress(cluster, host.address);
  return parseBootstrap(cluster.bootstrapServers);
}

export function positiveInt(name: string, text: string | undefined, fallback?: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new InputError(`--${name} is required`);
    return fallback;
  }
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new InputError(`--${name} must be a positive integer, got "${text}"`);
  return n;
}

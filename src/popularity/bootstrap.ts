// Where and as whom the scripts connect: --bootstrap if given, else the inventory's brokers (in lab
// mode only after checking that each broker address routes through the lab bridge), and on a
// secured cluster as --user.
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { loadInventory } from '../inventory/load.js';
import { parseBootstrap } from '../kafka/index.js';
import { guardLabAddress } from '../lab/guard.js';
import type { ClientSecurity } from '../kafka/types.js';
import { userClientSecurity } from '../security/user-files.js';

export interface Connection {
  brokers: string[];
  /** null: PLAINTEXT */
  security: ClientSecurity | null;
}

/**
 * --bootstrap alone: those servers, in PLAINTEXT. Otherwise the inventory's brokers, and on a
 * secured cluster as --user (required there: the tool's commands connect with no more rights
 * than the user was granted). The inventory's warnings (security: none) go to `warn`.
 */
export async function resolveConnection(o: { bootstrap?: string; inventory: string; user?: string }, warn: (line: string) => void = () => undefined): Promise<Connection> {
  let brokers: string[] | null = null;
  if (o.bootstrap !== undefined) {
    try {
      brokers = parseBootstrap(o.bootstrap);
    } catch (err) {
      throw new InputError(`--bootstrap: ${(err as Error).message}`);
    }
    if (o.user === undefined) return { brokers, security: null };
  }
  const { cluster, warnings } = await loadInventory(resolve(o.inventory));
  warnings.forEach(warn);
  if (cluster.security === 'secure' && o.user === undefined) {
    throw new InputError(`${cluster.inventoryFile}: cluster ${cluster.name} is secured: give --user NAME, a user made with npm run user -- add NAME (--job TOPIC has what the popularity job needs)`);
  }
  const security = o.user === undefined ? null : await userClientSecurity(cluster, o.user);
  if (brokers === null) {
    for (const host of cluster.brokers) await guardLabAddress(cluster, host.address);
    brokers = parseBootstrap(cluster.bootstrapServers);
  }
  return { brokers, security };
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

// A user for one run of a tool (acceptance, perf): given a new password and only the grants the
// run needs, removed at its end whatever happened, so that on a secured cluster the tool's own
// applications connect with no more rights than an operator's would. Each tool has fixed user
// names (a removed user's credential stays, disabled: src/security/users.ts), so runs do not
// pile up credentials; two runs of one tool on one cluster at once would share them.
import type { Cluster } from '../inventory/model.js';
import type { ClientSecurity } from '../kafka/types.js';
import type { GrantRequest } from './grants.js';
import type { Secret } from './secret.js';
import { userClientSecurity, userPassword } from './user-files.js';
import { addUser, removeUser } from './users.js';

export interface RunUser {
  name: string;
  password: Secret;
  security: ClientSecurity;
}

export const NO_GRANTS: GrantRequest = { topics: [], groups: [], read: false, write: false };

/**
 * Makes each user (in order) and hands them to `fn`; removes every one made, also when a later
 * one or `fn` fails. Null users on a cluster that is not secured.
 */
export async function withRunUsers<T>(cluster: Cluster, users: { name: string; grants: GrantRequest }[], log: (line: string) => void, fn: (users: RunUser[] | null) => Promise<T>): Promise<T> {
  if (cluster.security !== 'secure') return fn(null);
  const made: string[] = [];
  try {
    const ready: RunUser[] = [];
    for (const u of users) {
      made.push(u.name);
      await addUser(cluster, u.name, u.grants, { log, newPassword: true });
      ready.push({ name: u.name, password: (await userPassword(cluster, u.name))!, security: await userClientSecurity(cluster, u.name) });
    }
    return await fn(ready);
  } finally {
    for (const name of made) await removeUser(cluster, name, { log }).catch((err: Error) => log(`could not remove user ${name}: ${err.message}`));
  }
}

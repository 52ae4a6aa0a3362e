// npm run user: SCRAM users and their ACLs on a secured cluster, as the admin. Facts first (the
// users and ACLs the cluster holds, the passwords this machine keeps), then the plan (what to
// create or remove), then the change, then a gate: every broker sees it before the command says
// it is done, so a client started right after `user add` is let in by whichever broker it meets.
//
// A removed user's credential is DISABLED, not deleted: its password is replaced by a random one
// that is never kept, with DISABLED_ITERATIONS as the mark. Deleting one is unsafe in Kafka 4.4:
// ScramDelta.apply() drops a mechanism's whole user map when a removal empties it, and the
// users put after that in the same delta are lost. A broker that catches up on the metadata log
// (a restart, a new broker) replays every credential ever made in one delta in HashMap order,
// so a deleted name that hashes ahead of the others wipes every SCRAM credential, the admin's
// too: the restarted broker refuses everyone (tried on the lab: "user add x; user remove x;
// restart-cluster" never got node01 back). Never deleting keeps that path unreachable.
import { InputError } from '../core/errors.js';
import { poll } from '../core/poll.js';
import type { Cluster } from '../inventory/model.js';
import { accessNode, SCRAM_ITERATIONS } from '../kafka/access.js';
import type { AccessPort, AclBinding, ScramCredential } from '../kafka/types.js';
import { guardAddresses } from '../verify/guarded-client.js';
import { adminSecrets, brokerClientSecurity } from './cluster-secrets.js';
import { bindingKey, checkUserName, describeBinding, grantBindings, missingBindings, principalOf, type GrantRequest } from './grants.js';
import { ADMIN_USER } from './openssl.js';
import { generatePassword } from './secret.js';
import { localUsers, removeUserFiles, userFiles, userPassword, writeUserFiles, type UserFiles } from './user-files.js';

/** The iteration count that marks a disabled credential (a removed user); live ones use SCRAM_ITERATIONS. */
export const DISABLED_ITERATIONS = 8192;

export type CredentialState = 'active' | 'disabled' | 'none';

export function credentialState(credentials: ScramCredential[], user: string): CredentialState {
  const c = credentials.find((x) => x.user === user);
  return !c ? 'none' : c.iterations === DISABLED_ITERATIONS ? 'disabled' : 'active';
}

/** How long every broker may take to see a change (its metadata trails the controller's by ms). */
const PROPAGATION_MS = 30_000;

type Log = (line: string) => void;

function requireSecured(cluster: Cluster): void {
  if (cluster.security !== 'secure') throw new InputError(`${cluster.inventoryFile}: cluster.security is none: users and ACLs need cluster.security: secure`);
}

/** One admin connection per broker (route-checked first in lab mode); closed whatever happens. */
async function withBrokers<T>(cluster: Cluster, fn: (brokers: AccessPort[]) => Promise<T>): Promise<T> {
  await guardAddresses(cluster, cluster.brokers.map((b) => b.address));
  const secrets = (await adminSecrets(cluster))!;
  const brokers = cluster.bootstrapServers.split(',').map((endpoint) => accessNode(endpoint, { security: brokerClientSecurity(secrets), requestTimeoutMs: 15_000 }));
  try {
    return await fn(brokers);
  } finally {
    await Promise.all(brokers.map((b) => b.close()));
  }
}

/** The first broker that answers `fn`: a change goes through any one of them. */
async function onAnyBroker<T>(brokers: AccessPort[], fn: (b: AccessPort) => Promise<T>): Promise<T> {
  const errors: string[] = [];
  for (const b of brokers) {
    try {
      return await fn(b);
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  throw new Error(`no broker answered: ${errors.join('; ')}`);
}

/** Until every broker's answer to `ask` satisfies `holds`. */
async function untilEveryBroker<T>(brokers: AccessPort[], what: string, ask: (b: AccessPort) => Promise<T>, holds: (v: T) => boolean): Promise<void> {
  await Promise.all(
    brokers.map((b) => poll(() => ask(b), { deadlineMs: PROPAGATION_MS, intervalMs: 100, describe: `${what} at ${b.endpoint}`, until: holds, show: () => 'not yet' })),
  );
}

export interface AddedUser {
  user: string;
  principal: string;
  /** created: new on the cluster; kept: it was there with the password this machine keeps; replaced: --new-password */
  credential: 'created' | 'kept' | 'replaced';
  acls: string[];
  added: string[];
  files: UserFiles;
}

export async function addUser(cluster: Cluster, user: string, grants: GrantRequest, o: { newPassword?: boolean; log: Log }): Promise<AddedUser> {
  checkUserName(user);
  const wanted = grantBindings(user, grants);
  requireSecured(cluster);
  const principal = principalOf(user);
  return withBrokers(cluster, async (brokers) => {
    const [state, existing] = await onAnyBroker(brokers, async (b) => [credentialState(await b.scramUsers(), user), await b.acls(principal)] as const);
    const kept = await userPassword(cluster, user);
    if (state === 'active' && !kept && !o.newPassword) {
      throw new InputError(`user ${user} exists on cluster ${cluster.name}, but this machine has no password for it (${userFiles(cluster, user).password}): copy that file here, or give --new-password to replace it (clients using the old one are then refused)`);
    }
    // a disabled (removed) user comes back as a new one, with a password no one had before
    const credential = state !== 'active' ? 'created' : o.newPassword ? 'replaced' : 'kept';
    const password = credential === 'kept' ? kept! : credential === 'created' && state === 'none' ? (kept ?? generatePassword()) : generatePassword();
    // the files first: a password set on the cluster is never one this machine has lost
    const files = await writeUserFiles(cluster, user, password);
    if (credential !== 'kept') {
      await onAnyBroker(brokers, (b) => b.upsertScramUser(user, password, SCRAM_ITERATIONS));
      o.log(`${credential === 'created' ? 'created' : 'replaced the password of'} SCRAM-SHA-512 user ${user}`);
    }
    const missing = missingBindings(wanted, existing);
    await onAnyBroker(brokers, (b) => b.createAcls(missing));
    for (const b of missing) o.log(`granted ${user}: ${describeBinding(b)}`);
    const all = [...existing, ...missing];
    const keys = new Set(all.map(bindingKey));
    await untilEveryBroker(brokers, `user ${user} and its ACLs`, async (b) => [credentialState(await b.scramUsers(), user), new Set((await b.acls(principal)).map(bindingKey))] as const, ([now, seen]) => now === 'active' && [...keys].every((k) => seen.has(k)));
    return { user, principal, credential, acls: sorted(all), added: sorted(missing), files };
  });
}

export interface RemovedUser {
  user: string;
  /** disabled: by this call (a random password no one keeps); already: it was; none: it never had one */
  credential: 'disabled' | 'already disabled' | 'none';
  acls_removed: string[];
  files_removed: boolean;
}

/**
 * Removes the user's ACLs and this machine's files for it, and disables its credential (see the
 * top of this file for why it is not deleted); nothing there is not an error.
 */
export async function removeUser(cluster: Cluster, user: string, o: { log: Log }): Promise<RemovedUser> {
  checkUserName(user);
  requireSecured(cluster);
  const principal = principalOf(user);
  return withBrokers(cluster, async (brokers) => {
    // ACLs first: a user left able to log in but with no ACL may do nothing, the other way round is not so
    const aclsRemoved = await onAnyBroker(brokers, (b) => b.deleteAcls(principal));
    const state = await onAnyBroker(brokers, async (b) => credentialState(await b.scramUsers(), user));
    if (state === 'active') await onAnyBroker(brokers, (b) => b.upsertScramUser(user, generatePassword(), DISABLED_ITERATIONS));
    const hadFiles = (await userPassword(cluster, user)) !== null;
    await removeUserFiles(cluster, user);
    await untilEveryBroker(brokers, `user ${user} disabled`, async (b) => [credentialState(await b.scramUsers(), user), (await b.acls(principal)).length] as const, ([now, acls]) => now !== 'active' && acls === 0);
    const credential = state === 'active' ? 'disabled' : state === 'disabled' ? 'already disabled' : 'none';
    o.log(state === 'none' && aclsRemoved.length === 0 ? `user ${user} was not on cluster ${cluster.name}` : `removed user ${user}: ${aclsRemoved.length} ACLs, credential ${credential}`);
    return { user, credential, acls_removed: sorted(aclsRemoved), files_removed: hadFiles };
  });
}

export interface ListedUser {
  user: string;
  /** its SCRAM-SHA-512 credential: active, disabled (removed), or none (ACLs only) */
  credential: CredentialState;
  /** this machine keeps its password and client settings */
  on_this_machine: boolean;
  /** the tool's admin: every right, no ACL needed */
  super_user: boolean;
  acls: string[];
}

/** Every SCRAM user (removed ones as disabled), every principal with ACLs, every user this machine has files for. */
export async function listUsers(cluster: Cluster): Promise<ListedUser[]> {
  requireSecured(cluster);
  return withBrokers(cluster, async (brokers) => {
    const [scram, acls] = await onAnyBroker(brokers, async (b) => [await b.scramUsers(), await b.acls()] as const);
    const local = await localUsers(cluster);
    const byUser = new Map<string, AclBinding[]>();
    for (const a of acls) if (a.principal.startsWith('User:')) byUser.set(a.principal.slice(5), [...(byUser.get(a.principal.slice(5)) ?? []), a]);
    const names = [...new Set([...scram.map((c) => c.user), ...byUser.keys(), ...local])].sort();
    return names.map((user) => ({ user, credential: credentialState(scram, user), on_this_machine: local.includes(user), super_user: user === ADMIN_USER, acls: sorted(byUser.get(user) ?? []) }));
  });
}

const sorted = (bindings: AclBinding[]): string[] => bindings.map(describeBinding).sort();

export function formatAdded(r: AddedUser): string {
  const verb = { created: 'created', kept: 'already there', replaced: 'password replaced' }[r.credential];
  return [`user ${r.user}: ${verb}; ${r.added.length} ACLs added, ${r.acls.length} in all`, ...r.acls.map((a) => `  ${a}`), `client settings: ${r.files.javaProperties} (Java), ${r.files.librdkafkaProperties} (kcat -F)`].join('\n');
}

export function formatRemoved(r: RemovedUser): string {
  return `user ${r.user}: credential ${r.credential}, ${r.acls_removed.length} ACLs removed${r.files_removed ? ', files on this machine removed' : ''}`;
}

export function formatList(users: ListedUser[]): string {
  if (users.length === 0) return 'no users besides the tool\'s own';
  return users
    .flatMap((u) => [
      `${u.user}${u.super_user ? ' (super user: the tool\'s admin)' : ''}${{ active: '', disabled: ' (removed: its credential is disabled)', none: ' (no SCRAM credential)' }[u.credential]}${u.on_this_machine || u.super_user || u.credential === 'disabled' ? '' : ' (no password on this machine)'}`,
      ...(u.acls.length > 0 ? u.acls.map((a) => `  ${a}`) : u.super_user || u.credential === 'disabled' ? [] : ['  no ACL: authenticated, but may do nothing']),
    ])
    .join('\n');
}
